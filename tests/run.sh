#!/usr/bin/env bash
# Runs every test: starts PostgreSQL when it is not running, builds, runs the suite, prints the totals.
# Usage: bash tests/run.sh [tier] [filters...]
#   Without a tier, every tier. Tiers:
#     fast         tests/FlashSale.UnitTests: rules, ledgers, simulation, settings, architecture; no database, no
#                  browser, no install; seconds
#     api          grains on clusters and the HTTP API (tests/FlashSale.Tests but the three below)
#     reliability  crashes, faults, split brain, restarts with real processes and PostgreSQL (*.Reliability)
#     tool         the load-test tool (*.LoadTests)
#     browser      the pages in Chromium (*.Pages)
#   Filters (e.g. --filter-class "*.HotPathTests") go to the test runner.
set -euo pipefail
cd "$(dirname "$0")/.."

results=TestResults
failed_tests() {
  # The names and first message lines of failed tests, so that the tail of a CI log says what failed.
  /usr/bin/python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    for r in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") != "Failed":
            continue
        message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
        first = (message.text or "").strip().splitlines()[:3] if message is not None else []
        print("FAILED " + r.get("testName", "?") + " (" + r.get("duration", "") + ")")
        for line in first:
            print("    " + line[:300])
PY
}

totals() {
  # The totals, from the TRX files the run wrote: one per test assembly ($2 of them), each named after its assembly.
  local passed=0 failed=0 files=0 trx counters p f
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); files=$((files + 1))
  done
  if [ "$files" -lt "$2" ]; then
    # An assembly whose results are missing (it crashed, or its file was overwritten) counts as a failure.
    echo "expected $2 result files in $results, found $files" >&2
    failed=$((failed + $2 - files))
  fi
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$1" -ne 0 ]; then failed=1; fi
  [ "$failed" -eq 0 ] || failed_tests
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

if [ "${1:-}" = fast ]; then
  shift
  rm -rf "$results"
  status=0
  dotnet test --project tests/FlashSale.UnitTests -c Release --results-directory "$results" --ignore-exit-code 8 "$@" || status=$?
  totals "$status" 1 || [ "$status" -ne 0 ] || status=1
  exit "$status"
fi

tier_filters=()
case "${1:-}" in
  api) shift; tier_filters=(--filter-not-namespace "*.Reliability" --filter-not-namespace "*.Pages" --filter-not-namespace "*.LoadTests") ;;
  reliability) shift; tier_filters=(--filter-namespace "*.Reliability") ;;
  tool) shift; tier_filters=(--filter-namespace "*.LoadTests") ;;
  browser) shift; tier_filters=(--filter-namespace "*.Pages") ;;
esac
tests_of_tier=(--solution Orleans.sln) assemblies=2
[ ${#tier_filters[@]} -eq 0 ] || { tests_of_tier=(--project tests/FlashSale.Tests); assemblies=1; }

bash tests/postgres.sh

# Browser tests drive Debian's Chromium (never a downloaded browser).
if [ ! -x /usr/lib/chromium/chromium ]; then
  echo "Chromium is not installed: installing Debian's chromium with apt-get." >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# Hindi screenshots need a Devanagari font (the tests read text, not pixels; this keeps the screenshots legible).
if [ ! -d /usr/share/fonts/truetype/lohit-devanagari ]; then
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-lohit-deva >/dev/null 2>&1 || echo "fonts-lohit-deva not installed: Hindi screenshots show boxes" >&2
fi

# The load-test tool's Redis baseline starts Debian's redis-server itself (its own folder and port); the package's
# own service, where it starts one, is not used.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server is not installed: installing Debian's redis-server with apt-get." >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

# The sign-in tests mail codes to a real SMTP server: Debian's aiosmtpd, started by the test on a free port.
if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "aiosmtpd is not installed: installing Debian's python3-aiosmtpd with apt-get." >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

rm -rf "$results"
export FLASHSALE_SCREENSHOTS="$PWD/$results/screenshots"
status=0
dotnet test "${tests_of_tier[@]}" -c Release --results-directory "$results" --ignore-exit-code 8 "${tier_filters[@]}" "$@" || status=$?

totals "$status" "$assemblies" || [ "$status" -ne 0 ] || status=1
exit "$status"
