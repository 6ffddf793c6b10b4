#!/usr/bin/env bash
# Makes sure Bun is on PATH: installs it from the npm registry when missing (sourced by start.sh and test.sh).
if ! command -v bun >/dev/null 2>&1; then
  echo "Bun not found; installing it with npm (npm install -g bun)…"
  npm install -g bun --no-audit --no-fund >/dev/null
  export PATH="$(npm prefix -g)/bin:$PATH"
fi
bun --version >/dev/null || { echo "Bun could not be installed; see https://bun.sh" >&2; exit 1; }
