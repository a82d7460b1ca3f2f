#!/usr/bin/env bash
# Browser tests: a production build, then Playwright against server.mjs (as `npm start`) in demo mode.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
if [ "${SKIP_BUILD:-}" != 1 ]; then npx next build; fi
npx playwright test "$@"
