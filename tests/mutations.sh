#!/usr/bin/env bash
# Checks the tests themselves: breaks the code on purpose, one way at a time, and runs against each broken build the
# tests that could catch it (TestResults/mutations.md lists which did). In order:
#   1. the unchanged code is built and every selected test runs on it: if any fails, the script stops (a flaky or broken
#      test would otherwise count as "caught");
#   2. each mutation is applied (its text must be found exactly once, or the script stops: it no longer fits the code),
#      built (a build error stops the script loudly: the previous binary must never run as the mutant), and its tests run
#      with a time limit (MUTATION_TIMEOUT seconds, default 900: a mutant can make tests hang);
#   3. the source is put back (also when the script is interrupted) and the unchanged code built again.
# Exits non-zero when a mutation is not caught. Takes 16-25 minutes on a 2-core machine (shared with other runs).
# Usage: bash tests/mutations.sh [name ...]   (names: see `all` below; MUTATION_DRY_RUN=1 shows the mutations only)
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/postgres.sh

timeout_seconds=${MUTATION_TIMEOUT:-900}
shard=grains/Grains/Orders/StockShardGrain.cs
ledger=grains/Grains/Orders/Ledger/StockLedger.cs
sale=grains/Grains/Sales/SaleGrain.cs
redemptions=grains/Grains/Promos/RedemptionLedger.cs
router=grains/Contracts/Orders/OrderRouter.cs
pg_journal=silo/Schema/PostgreSql/004-covered-sequences/schema.sql
sqlite_journal=silo/Journal/SqliteShardJournal.cs
transfers=grains/Grains/Transfers/SiblingTransfers.cs
room_door=client/Features/Waiting/WaitingRoomGate.cs
journal_log=grains/Grains/Orders/Journal/JournalLog.cs
touched=("$shard" "$ledger" "$sale" "$redemptions" "$router" "$pg_journal" "$sqlite_journal" "$transfers" "$room_door" "$journal_log")
if ! git diff --quiet -- "${touched[@]}"; then
  echo "uncommitted changes in ${touched[*]}: commit them first (the script puts these files back as committed)" >&2
  exit 1
fi
restore() { git checkout -q -- "${touched[@]}"; }
trap restore EXIT

all=(ack-before-write ignore-taken-sequence retry-without-key pay-before-write restock-not-added pause-to-shard-0-only
     expired-hold-keeps-limit paid-redemption-released holds-expire-a-minute-early safety-net-releases-paid
     transfer-completes-unwritten-ask room-door-refuses-repeats snapshot-of-the-live-state)

# The test classes that could catch each mutation: every class whose tests go through the broken path (promo classes for
# promo paths). The process-heavy crash and soak tests are left out for time (minutes each); what they guard (a write
# acknowledged before it commits, a retry that places a second order) is also what the fault and repeat tests guard.
tests_for() {
  case "$1" in
    ack-before-write) echo RepeatDurabilityTests StorageFaultTests JournalTests HotPathTests ;;
    ignore-taken-sequence) echo SplitBrainTests SalesAdminTests JournalTests ;;
    retry-without-key) echo OrdersApiTests HotPathTests TwoFrontEndsTests RestartTests StorageFaultTests ;;
    pay-before-write) echo RepeatDurabilityTests StorageFaultTests JournalTests HotPathTests ;;
    restock-not-added) echo SalesAdminTests HotPathTests StockLedgerTests ;;
    pause-to-shard-0-only) echo SalesAdminTests HotPathTests OrdersApiTests ;;
    expired-hold-keeps-limit) echo HoldExpiryTests PromoExpiryTests StockLedgerTests ;;
    paid-redemption-released) echo PromoRedemptionTests PromoSafetyNetTests StorageFaultTests RedemptionLedgerTests ;;
    holds-expire-a-minute-early) echo HoldExpiryTests PromoExpiryTests StockLedgerTests ;;
    safety-net-releases-paid) echo PromoSafetyNetTests PromoRedemptionTests RedemptionLedgerTests ;;
    transfer-completes-unwritten-ask) echo SiblingTransfersTests StorageFaultTests PromoRedemptionTests ;;
    room-door-refuses-repeats) echo WaitingRoomTests OrdersApiTests ;;
    snapshot-of-the-live-state) echo JournalSnapshotTests LedgerSimulationTests JournalTests ;;
    *) echo "unknown mutation: $1" >&2; exit 1 ;;
  esac
}

describe() {
  case "$1" in
    ack-before-write) echo "The stock shard answers 'held' before the write that records the hold has committed." ;;
    ignore-taken-sequence) echo "A journal append whose (shard, sequence) is taken overwrites it instead of failing: a stale activation's batch wins (both SQL dialects)." ;;
    retry-without-key) echo "The Idempotency-Key is not carried to the stock shard: a retry of an unknown outcome places a new order." ;;
    pay-before-write) echo "The stock shard answers 'confirmed' to a pay before the write that records it has committed." ;;
    restock-not-added) echo "A restock is recorded by its shard but its units are never added to the shard's allocation." ;;
    pause-to-shard-0-only) echo "A pause, resume or end is delivered to shard 0 of each item only." ;;
    expired-hold-keeps-limit) echo "An expired hold keeps counting towards the shopper's per-customer limit (a cancelled one gives it back)." ;;
    paid-redemption-released) echo "Paying an order with a code releases its redemption instead of confirming it." ;;
    holds-expire-a-minute-early) echo "Holds expire a minute before their holdExpiresAt." ;;
    safety-net-releases-paid) echo "The promo safety net releases the redemption of a quiet order that was paid, instead of confirming it." ;;
    transfer-completes-unwritten-ask) echo "A grain completes sibling transfers whose ask was never durably written (after a failed write, or while its write is in flight)." ;;
    room-door-refuses-repeats) echo "A waiting room's door answers 'sold out' from memory once holds cover the stock, also to a shopper repeating an order already placed." ;;
    snapshot-of-the-live-state) echo "A snapshot serializes the shard's live state off its turn instead of a copy taken at its append (later changes land in it)." ;;
  esac
}

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

mutate() {
  case "$1" in
    ack-before-write)
      replace "$shard" "        await _commit.Durable();
        if (_voided.Contains(" "        _ = _commit.Durable().ContinueWith(written => written.Exception, TaskScheduler.Current);
        if (_voided.Contains(" ;;
    ignore-taken-sequence)
      replace "$pg_journal" "            ON CONFLICT DO NOTHING RETURNING shard, seq)" \
        "            ON CONFLICT (shard, seq) DO UPDATE SET events = excluded.events RETURNING shard, seq)"
      replace "$sqlite_journal" "WHERE NOT EXISTS (SELECT 1 FROM fs_snapshot WHERE shard = \$shard AND seq >= \$seq) ON CONFLICT DO NOTHING\"" \
        "WHERE NOT EXISTS (SELECT 1 FROM fs_snapshot WHERE shard = \$shard AND seq >= \$seq) ON CONFLICT (shard, seq) DO UPDATE SET events = excluded.events\"" ;;
    retry-without-key)
      replace "$router" "SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, customerId, idempotencyKey)" \
        "SaleRules.OrderIdFor(request.SaleId, request.Sku, shard, customerId, Guid.NewGuid().ToString(\"N\"))" ;;
    pay-before-write)
      replace "$shard" "            var confirmed = _ledger.Resolve(suffix, OrderStatus.Confirmed, _clock.GetUtcNow())!;
            await _commit.Durable();" "            var confirmed = _ledger.Resolve(suffix, OrderStatus.Confirmed, _clock.GetUtcNow())!;
            _ = _commit.Durable().ContinueWith(written => written.Exception, TaskScheduler.Current);" ;;
    restock-not-added)
      replace "$ledger" "            case Restocked e when s.Restocks.Add(e.RestockId):
                s.Allocated += e.Units;" "            case Restocked e when s.Restocks.Add(e.RestockId):" ;;
    pause-to-shard-0-only)
      replace "$sale" "definition.Items.SelectMany(item => Enumerable.Range(0, item.Shards).Select(index => SaleRules.ShardKey(definition.Id, item.Sku, index)))" \
        "definition.Items.SelectMany(item => Enumerable.Range(0, 1).Select(index => SaleRules.ShardKey(definition.Id, item.Sku, index)))" ;;
    expired-hold-keeps-limit)
      replace "$ledger" "                else
                {
                    ReleaseUnitsOf(hold);" "                else if (e.Status != OrderStatus.Expired)
                {
                    ReleaseUnitsOf(hold);" ;;
    paid-redemption-released)
      replace "$shard" "                await ConfirmPromo(code, orderId, customerId);" "                await ReleasePromo(code, orderId, customerId);" ;;
    holds-expire-a-minute-early)
      replace "$ledger" "while (_expiry.TryPeek(out var next) && next.ExpiresAt <= now)" \
        "while (_expiry.TryPeek(out var next) && next.ExpiresAt <= now.AddMinutes(1))" ;;
    safety-net-releases-paid)
      replace "$redemptions" "                OrderStatus.Confirmed => confirm(orderId)," "                OrderStatus.Confirmed => release(orderId)," ;;
    transfer-completes-unwritten-ask)
      replace "$transfers" "        commit.ThrowIfFailed();
        foreach (var (transferId, donor) in book.Incoming.Where(t => !_unwritten.Contains(t.Key)).ToList())" \
        "        foreach (var (transferId, donor) in book.Incoming.ToList())" ;;
    room-door-refuses-repeats)
      replace "$room_door" "            // that order again, never \"sold out\" (answering from memory here did that).
            return Pass;" "            return new Refused(Problems.Refused(OrderRefusals.For(OrderStep.Place, OrderOutcome.SoldOut)!));" ;;
    snapshot-of-the-live-state)
      replace "$journal_log" "SnapshotDue(sequence) ? state.CopyForSnapshot() : null" "SnapshotDue(sequence) ? state : null" ;;
    *) echo "unknown mutation: $1" >&2; exit 1 ;;
  esac
}

mkdir -p TestResults
# The tests live in two projects (the fast tier and the rest); each class runs in the one that holds it.
projects=(FlashSale.Tests FlashSale.UnitTests)
strip() { sed 's/\x1b\[[0-9;]*m//g' "$1"; }

# Builds the tests and everything they run; a failed build stops the script, naming the errors.
build() {
  local what=$1 log=TestResults/mutation-build.log
  if ! { dotnet build tests/FlashSale.Tests -c Release -v q -nologo && dotnet build tests/FlashSale.UnitTests -c Release -v q -nologo; } > "$log" 2>&1; then
    echo "BUILD FAILED ($what): the tests would run the previous binary, so the script stops." >&2
    grep -E " error " "$log" | sort -u | head -20 >&2
    exit 2
  fi
}

# run_tests LOG CLASS...: the classes' tests with the time limit; the runner's exit status (124: timed out).
run_tests() {
  local log=$1; shift
  local status=0 project class
  : > "$log"
  for project in "${projects[@]}"; do
    local filters=()
    for class in "$@"; do
      if grep -rqsE "class $class\b" --include='*.cs' "tests/$project"; then filters+=(-class "*.$class"); fi
    done
    [ ${#filters[@]} -gt 0 ] || continue
    timeout --kill-after=30 "$timeout_seconds" "tests/$project/bin/Release/net10.0/$project" "${filters[@]}" >> "$log" 2>&1 || status=$?
  done
  return "$status"
}

failed_tests() { strip "$1" | grep -E '\[FAIL\]$' | sed -E 's/^ *FlashSale\.(Unit)?Tests\.[A-Za-z]+\.//; s/ \[FAIL\]$//; s/\(.*\)$//' | sort -u; }
summary_of() { strip "$1" | grep -E 'Total: [0-9]+' | sed -E 's/.*(FlashSale\.[A-Za-z]+) +(Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+).*/\1 \2/' | paste -sd ';' - || true; }

names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${all[@]}")
for name in "${names[@]}"; do tests_for "$name" > /dev/null; done

# MUTATION_DRY_RUN=1: applies each mutation and shows its diff, builds nothing, runs nothing.
if [ "${MUTATION_DRY_RUN:-0}" = 1 ]; then
  for name in "${names[@]}"; do
    restore; mutate "$name"; echo "== $name"; git --no-pager diff -U0 -- "${touched[@]}" | grep -E '^[-+][^-+]'
  done
  exit 0
fi

# 1. The baseline: the unchanged code must pass every test the mutations will run.
mapfile -t baseline_classes < <(for name in "${names[@]}"; do tests_for "$name" | tr ' ' '\n'; done | sort -u)
echo "== baseline: unchanged code, ${#baseline_classes[@]} test classes: ${baseline_classes[*]}" >&2
restore
build "unchanged code"
baseline_log=TestResults/mutation-baseline.log
started=$(date +%s)
if ! run_tests "$baseline_log" "${baseline_classes[@]}"; then
  echo "BASELINE FAILED: the unchanged code fails the selected tests, so no mutation result would mean anything. Failed:" >&2
  failed_tests "$baseline_log" >&2
  echo "($(summary_of "$baseline_log"); log: $baseline_log)" >&2
  exit 3
fi
echo "baseline passed: $(summary_of "$baseline_log") in $(( $(date +%s) - started )) s" >&2

report=TestResults/mutations.md
{
  echo "# Mutation checks, $(date -u +%FT%TZ)"
  echo
  echo "Baseline (unchanged code, every class below): $(summary_of "$baseline_log"), passed. Each row breaks the code one way and runs the listed classes against it (time limit ${timeout_seconds} s)."
  echo
  echo "| Mutation | What breaks | Caught | Tests that failed | Classes run |"
  echo "|---|---|---|---|---|"
} > "$report"

missed=0
for name in "${names[@]}"; do
  echo "== mutation: $name" >&2
  restore
  mutate "$name"
  build "mutation $name"
  log="TestResults/mutation-$name.log"
  read -r -a classes <<< "$(tests_for "$name")"
  started=$(date +%s)
  status=0
  run_tests "$log" "${classes[@]}" || status=$?
  seconds=$(( $(date +%s) - started ))
  failed=$(failed_tests "$log")
  summary=$(summary_of "$log")
  if [ "$status" -eq 0 ]; then
    caught="**no**"; missed=$((missed + 1))
  elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    caught="yes (timed out after ${timeout_seconds} s)"
  elif [ -n "$failed" ]; then
    caught="yes ($summary, ${seconds} s)"
  else
    caught="yes (the test run aborted, exit $status: see $log)"
  fi
  echo "| $name | $(describe "$name") | $caught | $(echo "$failed" | paste -sd ';' | sed 's/;/<br>/g') | ${classes[*]} |" >> "$report"
  echo "$name: caught=$caught" >&2
done
restore
build "unchanged code, after the mutations"
cat "$report"
if [ "$missed" -gt 0 ]; then
  echo "$missed mutation(s) not caught" >&2
  exit 1
fi
