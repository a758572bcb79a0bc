#!/usr/bin/env bash
# The long reliability tier: the crash tests over several seeds, PostgreSQL crashing mid-burst, and a sale-day
# soak with the load-test tool. Writes TestResults/long-tier.md. Usage: bash tests/long.sh [seeds, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-5}"
out="$(mktemp -d)"
# run.sh starts from an empty TestResults, so the crash figures are kept aside until the end.
FLASHSALE_FAULT_SEEDS="$seeds" FLASHSALE_LONG_TIER=1 bash tests/run.sh --filter-class "*CrashTests" | tee "$out/crash.out"
summary="$(tail -1 "$out/crash.out")"
cp TestResults/reliability.log "$out/reliability.log"
dotnet loadtests/bin/Release/net10.0/FlashSale.LoadTests.dll run sale-day --in-process --storage postgres --rate 150 --duration 60s \
  --report-dir TestResults/long-soak | tee "$out/soak.out"
{
  echo "# Long tier, $(date -u +%FT%TZ), $(nproc) cores"
  echo
  echo "Crash tests ($seeds seeds each, PostgreSQL crash once): $summary"
  echo
  echo '```'
  cat "$out/reliability.log"
  echo '```'
  echo
  echo "Sale-day soak (60 s, open model, in-process on PostgreSQL): \`$(tail -1 "$out/soak.out")\`; report in TestResults/long-soak/."
} > TestResults/long-tier.md
cat TestResults/long-tier.md
