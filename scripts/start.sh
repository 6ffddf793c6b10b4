#!/usr/bin/env bash
# Starts ChatML from a fresh clone: installs Bun (if missing) and dependencies, builds the web app, runs the server.
# Extra arguments go to chatml (e.g. ./scripts/start.sh --no-open --port 4000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-bun.sh
bun install --frozen-lockfile
bun run build
exec bun bin/chatml.ts "$@"
