using FlashSale.Orders;
using FlashSale.Sales;
using FlashSale.UnitTests.Simulation;

namespace FlashSale.UnitTests.Domain;

/// <summary>
/// When a shard's journal stores a snapshot: a shard with many live holds has a large one, and storing it every few
/// appends of one hold each cost more than the appends (the grain's turn serializing it, the database compressing it).
/// </summary>
public sealed class JournalSnapshotTests
{
    private const string Shard = "sale~SKU~0";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_shard_with_many_live_holds_snapshots_when_its_journal_has_grown_to_twice_its_last_snapshot_and_recovers_every_hold()
    {
        var journal = new SimulatedJournal(() => StorageFault.None, () => false, _ => { });
        var (ledger, log) = await OpenAsync(journal);
        for (var i = 0; i < 500; i++)
        {
            Hold(ledger, $"bulk{i}");
        }
        await Commit(ledger, log);
        await Commit(ledger, log, "second");
        Assert.Equal(1, journal.Snapshots);
        var snapshotBytes = (await journal.LoadAsync(Shard)).Snapshot!.Length;

        // One hold per append: 2 appends (SnapshotEvery) are not enough any more, the journal must catch up first.
        var appends = 0;
        var journalBytes = 0L;
        while (journal.Snapshots == 1)
        {
            Hold(ledger, $"one{appends}");
            var before = (await journal.LoadAsync(Shard)).Entries.Sum(e => (long)e.Events.Length);
            await Commit(ledger, log);
            journalBytes = before;
            appends++;
            Assert.True(appends < 5_000, "a snapshot was stored at last");
        }

        Assert.True(appends > 20, $"the next snapshot waited for the journal ({appends} appends)");
        Assert.True(journalBytes >= 2 * snapshotBytes, $"{journalBytes} journal bytes since the snapshot of {snapshotBytes} bytes");

        // Recovery: the latest snapshot plus the entries after it hold every hold.
        var (recovered, _) = await OpenAsync(journal);
        Assert.Equal(ledger.State.Held, recovered.State.Held);
        Assert.Equal(501 + appends, recovered.State.Holds.Count);
    }

    [Fact]
    public async Task A_shard_whose_holds_are_paid_still_snapshots_every_few_appends()
    {
        var journal = new SimulatedJournal(() => StorageFault.None, () => false, _ => { });
        var (ledger, log) = await OpenAsync(journal);
        for (var i = 0; i < 12; i++)
        {
            // Holds placed and paid: the journal grows faster than the state, so snapshots stay a few appends apart.
            for (var j = 0; j < 4; j++)
            {
                Hold(ledger, $"h{i}-{j}");
                ledger.Resolve($"h{i}-{j}", OrderStatus.Confirmed, Now);
            }
            await Commit(ledger, log);
        }

        // Every 2 or 3 appends (the journal overtakes the snapshot's bytes at the second or third).
        Assert.InRange(journal.Snapshots, 4, 6);
        var (recovered, _) = await OpenAsync(journal);
        Assert.Equal((48, 0), (recovered.State.Sold, recovered.State.Holds.Count));
    }

    [Fact]
    public async Task A_snapshot_is_of_the_state_at_its_append_though_the_shard_changes_before_it_is_serialized()
    {
        // The snapshot is serialized off the grain's turn: here only when the test says so, after the shard went on.
        Func<byte[]>? serialize = null;
        var serialized = new TaskCompletionSource<byte[]>();
        var options = new ShardJournalOptions(2) { SerializeSnapshot = work => { serialize = work; return serialized.Task; } };
        var journal = new SimulatedJournal(() => StorageFault.None, () => false, _ => { });
        var (ledger, log) = await OpenAsync(journal, options);
        for (var i = 0; i < 50; i++)
        {
            Hold(ledger, $"early{i}");
        }
        await Commit(ledger, log);
        await Commit(ledger, log, "due");
        Assert.NotNull(serialize);

        // The shard goes on: a hold paid, a hold placed, another append (none due while the snapshot is out).
        ledger.Resolve("early0", OrderStatus.Confirmed, Now);
        await Commit(ledger, log, "late");
        serialized.SetResult(serialize!());
        Assert.Equal(1, journal.Snapshots);

        // Recovery (the snapshot, then the entry after it) has each change once: the snapshot did not see them.
        var (recovered, _) = await OpenAsync(journal);
        Assert.Equal((1, 51, 52), (recovered.State.Sold, recovered.State.Held, recovered.State.Known.Count));
        Assert.Equal(ledger.State.Holds.Keys.Order(), recovered.State.Holds.Keys.Order());
    }

    [Fact]
    public async Task A_snapshot_copy_shares_nothing_the_shard_changes_and_has_every_field()
    {
        var (ledger, _) = await OpenAsync(new SimulatedJournal(() => StorageFault.None, () => false, _ => { }));
        Hold(ledger, "a");
        Hold(ledger, "b");
        ledger.Resolve("a", OrderStatus.Confirmed, Now);
        var state = ledger.State;
        state.Donations["t1"] = 3;
        state.Incoming["t2"] = 1;
        state.Restocks.Add("r1");
        var copy = state.CopyForSnapshot();

        foreach (var property in typeof(StockLedgerState).GetProperties())
        {
            var (original, copied) = (property.GetValue(state), property.GetValue(copy));
            if (original is System.Collections.IEnumerable items and not string && property.PropertyType.Namespace == "System.Collections.Generic")
            {
                Assert.False(ReferenceEquals(original, copied), $"{property.Name} is copied, not shared");
                Assert.Equal(items.Cast<object>(), ((System.Collections.IEnumerable)copied!).Cast<object>());
                Assert.NotEmpty(items.Cast<object>());
            }
            else
            {
                Assert.Equal(original, copied);
            }
        }
        Hold(ledger, "c");
        Assert.Equal((1, 2), (copy.Holds.Count, state.Holds.Count));
    }

    private static async Task<(StockLedger Ledger, JournalLog<StockLedgerState, ShardEvent> Log)> OpenAsync(SimulatedJournal journal, ShardJournalOptions? options = null)
    {
        var log = new JournalLog<StockLedgerState, ShardEvent>(journal, LedgerSimulation.Serializers.Value, options ?? LedgerSimulation.JournalOptions(2), Shard);
        var ledger = new StockLedger(await log.LoadAsync());
        log.Replay(ledger.Apply);
        if (ledger.Setup is null)
        {
            var sale = new SaleDefinition("sale", "Sale", Now.AddHours(-1), Now.AddHours(1), ["BR"], 10,
                [new SaleItem("SKU", 100_000, 5, ImmutableDictionary<string, decimal>.Empty.Add("BR", 10m), 1)]);
            ledger.SetUp(new ShardSetup(sale, "SKU", 0, 100_000));
        }
        return (ledger, log);
    }

    private static void Hold(StockLedger ledger, string suffix) =>
        ledger.PlaceHold(suffix, new HoldRecord($"customer-{suffix}", 1, "BR", null, 1, Now, Now.AddMinutes(10), "BRL", 10m, 10m, 0, 0, 0, 10m));

    private static Task Commit(StockLedger ledger, JournalLog<StockLedgerState, ShardEvent> log, string? extra = null)
    {
        if (extra is not null)
        {
            Hold(ledger, extra);
        }
        return ShardCommit.WriteAsync(ledger, log, 1, _ => { });
    }
}
