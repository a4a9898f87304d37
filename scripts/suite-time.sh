#!/usr/bin/env bash
# Times `npm test` (embedded database unless DATABASE_URL is set) while another process keeps
# one core busy, as the suite's target is stated: prints the load before and after, the wall
# time, the CPU time the suite used (the figure least moved by other load) and Jest's test counts.
# Extra arguments go to Jest (paths, --selectProjects ...).
# Usage: scripts/suite-time.sh [jest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

# The client is built before timing, so the figure is the suite's, not a first build's.
npx tsx -e "require('./scripts/build').buildIfChanged(process.cwd(), require('./scripts/build').projectParts.filter((p) => p.name === 'client'))" >/dev/null

yes >/dev/null &
busy=$!
trap 'kill "$busy" 2>/dev/null || true' EXIT

log=$(mktemp -t suite-time.XXXXXX)
echo "load before: $(uptime)"
start=$(date +%s)
status=0
TIMEFORMAT='cpu: %U s user, %S s system'
time { npm test -- "$@" >"$log" 2>&1 || status=$?; }
end=$(date +%s)
echo "load after:  $(uptime)"
kill "$busy" 2>/dev/null || true

grep -E '^(Test Suites|Tests|Time):' "$log" || true
echo "wall: $((end - start)) s, exit ${status} (full output: ${log})"
exit "$status"
