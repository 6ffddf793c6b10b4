#!/usr/bin/env bash
# Tries ChatML without an Anthropic account: starts the scripted fake Anthropic API that the tests use, installs the
# newest pinned Claude Code CLI, and starts ChatML with that CLI pointed at the fake (in a throw-away HOME, so your own
# ~/.claude is never touched). Type "@@text" for a streamed answer, "@@bash" for a tool call to approve, or anything
# else for "OK"; see e2e/fake-api/scripts.ts for every script. Extra arguments go to chatml.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-bun.sh
bun install --frozen-lockfile
version="$(sed -n 's/.*"versions": *\[\(.*\)\].*/\1/p' e2e/cli-versions.json | tr -d '" ' | tr ',' '\n' | tail -n 1)"
bash scripts/install-cli.sh "$version"
bun run build

home="$(mktemp -d "${TMPDIR:-/tmp}/chatml-try-XXXXXX")"
log="$home/fake-api.log"
bun e2e/fake-api/main.ts --port 0 >"$log" 2>&1 &
fake_pid=$!
trap 'kill "$fake_pid" 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 50); do grep -q "listening on" "$log" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$log" | head -n 1)"
[[ -n "$url" ]] || { echo "the fake API did not start; see $log" >&2; exit 1; }
echo "fake Anthropic API: $url (requests are logged in $log)"
# A Claude Code that has been set up already, as a real user's is: without this, a Claude terminal ("+ Claude") opens
# on the first-run screens (theme, "use this API key?") that only an installed CLI's owner has answered.
printf '{"hasCompletedOnboarding":true,"theme":"dark","customApiKeyResponses":{"approved":["sk-fake"],"rejected":[]}}\n' >"$home/.claude.json"

HOME="$home" ANTHROPIC_BASE_URL="$url" ANTHROPIC_API_KEY="sk-fake" CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 \
  bun bin/chatml.ts --data-dir "$home/.chatml" --claude-bin "${CHATML_CLI_CACHE:-$HOME/.cache/chatml/cli}/$version/node_modules/.bin/claude" "$@"
