#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs what it needs (Bun, dependencies, Chromium, the OpenSSH client,
# the pinned Claude Code CLI versions), then typecheck, lint, build, unit + integration tests, and browser/CLI
# end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n\033[1m== %s (%ss)\033[0m\n' "$1" "$(( $(date +%s) - started ))"; }

step "tools"
source scripts/ensure-bun.sh
bun install --frozen-lockfile
bash scripts/install-chromium.sh
bash scripts/install-openssh.sh
bash scripts/install-cli.sh

mkdir -p .artifacts
# Two cores, two single-threaded checkers: the type-check runs beside the linter (its log is shown if it fails).
step "typecheck and lint"
bun run typecheck > .artifacts/typecheck.log 2>&1 &
typecheck=$!
bun run lint
wait "$typecheck" || { cat .artifacts/typecheck.log; echo "typecheck failed" >&2; exit 1; }
step "build"
bun run build

step "unit and integration tests"
# No --pool here: it would override the pools vitest.config.ts gives each project (ADR 0090).
bun --bun vitest run --reporter=default --reporter=json --outputFile.json=.artifacts/unit-results.json
step "end-to-end tests (real Claude Code CLI, headless Chromium)"
# The load fault test (20 conversations × 5 browsers) runs for 30 s here, ~150 turns: every per-turn promise is
# checked on each of them; a slow leak is the five-minute run's to find (`bun bench/load-soak.ts`, ADR 0124).
export CHATML_LOAD_SECONDS="${CHATML_LOAD_SECONDS:-30}"
e2e_started=$(date +%s)
# A failure's digest (its error and the screen each page showed) is printed last: CI shows only the output's tail.
bun --bun vitest run --pool=threads --config e2e/vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=.artifacts/e2e-results.json \
  || { bun scripts/show-e2e-failures.ts "$e2e_started"; exit 1; }

step "done"
bun scripts/summarize-tests.ts .artifacts/unit-results.json .artifacts/e2e-results.json
