#!/usr/bin/env bash
# `npm test` (and `npm run verify`, CI's command): every check once, in this order. The type
# check, lint (ESLint, Prettier, knip), unit and integration tests (with a real Redis and
# PostgreSQL started on loopback for the run), then the browser tests on the production build.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
export TEST_SERVICES_DIR=$(mktemp -d /tmp/authy-dashboard-services.XXXX)
trap 'bash scripts/services.sh stop' EXIT
eval "$(bash scripts/services.sh start)"

echo "== type check"
npm run -s typecheck

echo "== lint: ESLint, Prettier, unused files, exports and dependencies (knip)"
npm run -s lint

echo "== unit and integration tests (Vitest)"
npx vitest run

echo "== browser tests (Playwright, production build)"
bash scripts/test-e2e.sh
