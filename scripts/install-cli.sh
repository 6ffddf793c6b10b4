#!/usr/bin/env bash
# Installs the pinned Claude Code CLI versions (e2e/cli-versions.json) into ~/.cache/chatml/cli/<version>/.
# Idempotent: a version whose `node_modules/.bin/claude --version` already prints it is skipped.
# Usage: scripts/install-cli.sh [version...]   (default: every pinned version)
# Env: CHATML_CLI_CACHE overrides the cache directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${CHATML_CLI_CACHE:-$HOME/.cache/chatml/cli}"
package="@anthropic-ai/claude-code"

pinned_versions() {
  # Plain sed instead of jq: the versions line is `"versions": ["a", "b"]`.
  sed -n 's/.*"versions": *\[\(.*\)\].*/\1/p' "$repo_root/e2e/cli-versions.json" | tr -d '" ' | tr ',' '\n'
}

is_installed() {
  local dir="$1" version="$2" printed
  [[ -x "$dir/node_modules/.bin/claude" ]] || return 1
  printed="$("$dir/node_modules/.bin/claude" --version 2>/dev/null || true)"
  [[ "$printed" == "$version"* ]]
}

install_version() {
  local version="$1" dir="$cache/$1"
  if is_installed "$dir" "$version"; then
    echo "claude $version: already installed in $dir"
    return 0
  fi
  echo "claude $version: installing into $dir"
  mkdir -p "$dir"
  [[ -f "$dir/package.json" ]] || printf '{ "name": "chatml-cli-%s", "private": true }\n' "$version" >"$dir/package.json"
  # The binary comes from a per-platform optional dependency; keep optional deps on.
  (cd "$dir" && npm install --no-audit --no-fund --include=optional --save-exact "$package@$version" 2>&1 | tee "$dir/install.log")
  if ! is_installed "$dir" "$version"; then
    # Newer npm versions may skip the postinstall that copies the native binary over the placeholder.
    echo "claude $version: running the package's postinstall by hand"
    (cd "$dir/node_modules/$package" && node install.cjs)
  fi
  is_installed "$dir" "$version" || { echo "claude $version: install failed (see $dir/install.log)" >&2; return 1; }
  echo "claude $version: $("$dir/node_modules/.bin/claude" --version)"
}

command -v npm >/dev/null || { echo "npm is required (install Node.js)" >&2; exit 1; }
if [[ $# -gt 0 ]]; then versions=("$@"); else mapfile -t versions < <(pinned_versions); fi
for version in "${versions[@]}"; do install_version "$version"; done
