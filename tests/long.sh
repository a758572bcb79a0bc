#!/usr/bin/env bash
# The long reliability tier: the crash tests over several seeds (standalone and cluster kills, PostgreSQL crash,
# everything killed at once), the storage-fault and split-brain tests, a sale-day soak over HTTP with silo processes
# killed and restarted, and an in-process sale-day soak with the load-test tool. Writes TestResults/long-tier.md.
# Usage: bash tests/long.sh [seeds, default 5]   (FLASHSALE_SOAK_SECONDS sets the churn soak's length, default 90;
# FLASHSALE_SIM_SEEDS the ledger simulation's seeds, default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-5}"
out="$(mktemp -d)"
# run.sh starts from an empty TestResults, so the figures are kept aside until the end.
FLASHSALE_FAULT_SEEDS="$seeds" FLASHSALE_LONG_TIER=1 bash tests/run.sh \
  --filter-class "*CrashTests" --filter-class "*SoakTests" --filter-class "*StorageFaultTests" --filter-class "*SplitBrainTests" \
  --filter-class "*LedgerSimulationTests" \
  | tee "$out/battery.out"
summary="$(tail -1 "$out/battery.out")"
cp TestResults/reliability.log "$out/reliability.log"
dotnet loadtests/bin/Release/net10.0/FlashSale.LoadTests.dll run sale-day --in-process --storage postgres --rate 150 --duration 60s \
  --report-dir TestResults/long-soak | tee "$out/soak.out"
{
  echo "# Long tier, $(date -u +%FT%TZ), $(nproc) cores"
  echo
  echo "Fault battery ($seeds seeds per crash test; PostgreSQL crash, everything killed, storage faults, split brain and churn soak once): $summary"
  echo
  echo '```'
  cat "$out/reliability.log"
  echo '```'
  echo
  echo "Churn soak report: TestResults/churn-soak/ (report.html)."
  echo
  echo "Sale-day soak (60 s, open model, in-process on PostgreSQL): \`$(tail -1 "$out/soak.out")\`; report in TestResults/long-soak/."
} > TestResults/long-tier.md
cat TestResults/long-tier.md
