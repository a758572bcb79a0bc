#!/usr/bin/env bash
# Checks the tests themselves: breaks the code on purpose, one way at a time, runs the reliability, sales and storage
# tests against the broken build and lists which of them caught it (TestResults/mutations.md). The source is put
# back after each mutation, also when the script is interrupted. Takes about 15 minutes on 2 cores.
# Usage: bash tests/mutations.sh [name ...]   (names: ack-before-write, ignore-taken-sequence, retry-without-key)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/postgres.sh

shard=grains/Grains/Orders/StockShardGrain.cs
router=grains/Contracts/Orders/OrderRouter.cs
pg_journal=silo/Schema/PostgreSql/003-shard-journal/schema.sql
sqlite_journal=silo/Journal/SqliteShardJournal.cs
touched=("$shard" "$router" "$pg_journal" "$sqlite_journal")
if ! git diff --quiet -- "${touched[@]}"; then
  echo "uncommitted changes in ${touched[*]}: commit them first (the script puts these files back as committed)" >&2
  exit 1
fi
restore() { git checkout -q -- "${touched[@]}"; }
trap restore EXIT

# replace FILE OLD NEW: exactly one occurrence, or the mutation no longer fits the code and the script stops.
replace() {
  python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(f"mutation does not fit {path}: expected the text once, found it {text.count(old)} times")
open(path, "w").write(text.replace(old, new))
PY
}

describe() {
  case "$1" in
    ack-before-write) echo "The stock shard answers 'held' before the write that records the hold has committed." ;;
    ignore-taken-sequence) echo "A journal append whose (shard, sequence) is taken overwrites it instead of failing: a stale activation's batch wins (both SQL dialects)." ;;
    retry-without-key) echo "The Idempotency-Key is not carried to the stock shard: a retry of an unknown outcome places a new order." ;;
  esac
}

mutate() {
  case "$1" in
    ack-before-write)
      replace "$shard" "        await _commit.Durable();
        if (_voided.Contains(" "        _ = _commit.Durable().ContinueWith(written => written.Exception, TaskScheduler.Current);
        if (_voided.Contains(" ;;
    ignore-taken-sequence)
      replace "$pg_journal" "SELECT * FROM unnest(p_shards, p_seqs, p_events) ON CONFLICT DO NOTHING RETURNING shard, seq)" \
        "SELECT * FROM unnest(p_shards, p_seqs, p_events) ON CONFLICT (shard, seq) DO UPDATE SET events = excluded.events RETURNING shard, seq)"
      replace "$sqlite_journal" "VALUES (\$shard, \$seq, \$events) ON CONFLICT DO NOTHING\"" \
        "VALUES (\$shard, \$seq, \$events) ON CONFLICT (shard, seq) DO UPDATE SET events = excluded.events\"" ;;
    retry-without-key)
      replace "$router" "SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, customerId, idempotencyKey)" \
        "SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, customerId, Guid.NewGuid().ToString(\"N\"))" ;;
    *) echo "unknown mutation: $1" >&2; exit 1 ;;
  esac
}

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(ack-before-write ignore-taken-sequence retry-without-key)
mkdir -p TestResults
report=TestResults/mutations.md
{
  echo "# Mutation checks, $(date -u +%FT%TZ)"
  echo
  echo "Each row breaks the code one way; the tests of the Reliability, Sales and Storage namespaces run against it."
  echo
  echo "| Mutation | What breaks | Caught | Tests that failed |"
  echo "|---|---|---|---|"
} > "$report"

for name in "${names[@]}"; do
  echo "== mutation: $name" >&2
  restore
  mutate "$name"
  dotnet build tests/FlashSale.Tests -c Release -v q -nologo 2>&1 | grep -E " error |rror\(s\)" >&2 || true
  log="TestResults/mutation-$name.log"
  tests/FlashSale.Tests/bin/Release/net10.0/FlashSale.Tests \
    -namespace FlashSale.Tests.Reliability -namespace FlashSale.Tests.Sales -namespace FlashSale.Tests.Storage \
    > "$log" 2>&1 || true
  failed=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '\[FAIL\]$' | sed -E 's/^ *FlashSale\.Tests\.//; s/ \[FAIL\]$//; s/\(.*\)$//' | sort -u)
  summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'Total: [0-9]+' | tail -1 | sed -E 's/.*(Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+).*/\1/')
  caught=$([ -n "$failed" ] && echo "yes" || echo "**no**")
  echo "| $name | $(describe "$name") | $caught ($summary) | $(echo "$failed" | paste -sd ';' | sed 's/;/<br>/g') |" >> "$report"
  echo "$name: caught=$caught; $summary" >&2
done
restore
dotnet build tests/FlashSale.Tests -c Release -v q -nologo >/dev/null 2>&1 || true
cat "$report"
