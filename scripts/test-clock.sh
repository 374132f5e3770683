#!/usr/bin/env bash
# Runs the integration suite with the whole local stack's clock (Node, DynamoDB Local, the API) set
# just before a China-time boundary, so every test and rule that reads the wall clock meets a
# month's last minute, a year's end (→ 1 January) and a short month's end (28 February).
# Needs libfaketime (Debian: apt-get install faketime). Each run takes as long as the suite.
# Usage: npm run test:clock [-- <jest path filter>]   (default: tests/integration)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "faketime is missing: sudo apt-get install -y faketime" >&2; exit 1; }
filter=("${@:-tests/integration}")
# UTC instants: 15:58 UTC is 23:58 in China, two minutes before the boundary (setup takes about that).
for start in '2026-12-31 15:58:00' '2027-02-28 15:58:00'; do
  echo "› clock starts at ${start} UTC ($(TZ=Asia/Shanghai date -d "${start} UTC" '+%F %R') China time)"
  # An offset, not an absolute start: every process (jest, DynamoDB Local, osls offline and its
  # workers, started at different moments) then reads the same shifted clock.
  offset=$(($(date -u -d "${start}" +%s) - $(date -u +%s)))
  TZ=UTC faketime -f "$(printf '%+d' "${offset}")s" npx jest -c tests/jest.config.js --runInBand "${filter[@]}"
done
