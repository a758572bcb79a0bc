using FlashSale.Orders;
using FlashSale.Sales;
using FlashSale.Transfers;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.UnitTests.Domain;

/// <summary>
/// The grains' own transfer code (<see cref="SiblingTransfers"/> with the real <see cref="GroupCommit"/>) between two
/// stock shards whose journal is a list in memory that can fail or hold a write: no unit may leave the books, whatever
/// write fails and whoever completes a transfer.
/// </summary>
public sealed class SiblingTransfersTests
{
    private const int Stock = 10;
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task A_transfer_whose_ask_was_never_written_is_not_completed_by_the_failed_activation_s_next_refill()
    {
        var (recipient, donor) = await TwoShardsAsync();
        recipient.FailWrites = true;

        await Assert.ThrowsAsync<StorageOutcomeUnknownException>(() => recipient.RefillOne());
        Assert.Single(recipient.Ledger.State.Incoming);

        // The activation serves until it is dropped: the next shopper's refill finds the ask in memory.
        await Assert.ThrowsAsync<StorageOutcomeUnknownException>(() => recipient.RefillOne());

        Assert.Equal(0, donor.Asked);
        AssertBooks(recipient, donor);
    }

    [Fact]
    public async Task The_timer_leaves_an_ask_whose_write_is_in_flight_to_its_refill_and_nothing_is_given_when_that_write_fails()
    {
        var (recipient, donor) = await TwoShardsAsync();
        var gate = recipient.HoldWrites();
        var refill = recipient.RefillOne();
        Assert.Single(recipient.Ledger.State.Incoming);

        // Nothing to wait for: the timer skips the ask (and so leaves the write held here alone).
        var timer = recipient.Transfers.CompleteIncoming();
        Assert.True(timer.IsCompletedSuccessfully, "the timer left the unwritten ask to its refill");
        Assert.Equal(0, donor.Asked);

        recipient.FailWrites = true;
        gate.SetResult();
        await Assert.ThrowsAsync<StorageOutcomeUnknownException>(() => refill);
        await Assert.ThrowsAsync<StorageOutcomeUnknownException>(() => recipient.Transfers.CompleteIncoming());

        Assert.Equal(0, donor.Asked);
        AssertBooks(recipient, donor);
    }

    [Fact]
    public async Task A_transfer_cut_between_the_donation_and_its_booking_is_completed_after_a_reload_with_the_units_given_once()
    {
        var (recipient, donor) = await TwoShardsAsync();
        donor.AfterGiving = () => recipient.FailWrites = true;

        await Assert.ThrowsAsync<StorageOutcomeUnknownException>(() => recipient.RefillOne());
        AssertBooks(recipient, donor);

        var reloaded = recipient.Reload();
        donor.AfterGiving = null;
        await reloaded.Transfers.CompleteIncoming();

        Assert.Equal(2, donor.Asked);
        Assert.Equal((5, 5), (reloaded.Ledger.Available, donor.Ledger.Available));
        Assert.Empty(reloaded.Ledger.State.Incoming);
        AssertBooks(reloaded, donor);
    }

    [Fact]
    public async Task A_refill_brings_units_from_the_sibling_and_an_empty_sibling_is_remembered()
    {
        var (recipient, donor) = await TwoShardsAsync();

        Assert.True(await recipient.RefillOne());
        Assert.Equal((5, 5), (recipient.Ledger.Available, donor.Ledger.Available));

        // Both shards empty: the first shortfall asks, the next one within a second is told at once, a later one asks again.
        var (emptyRecipient, emptyDonor) = await TwoShardsAsync(donorUnits: 0);
        Assert.False(await emptyRecipient.RefillOne());
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(await emptyRecipient.RefillOne());
        Assert.Equal(1, emptyDonor.Asked);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await emptyRecipient.RefillOne());
        Assert.Equal(2, emptyDonor.Asked);
        AssertBooks(recipient, donor);
        AssertBooks(emptyRecipient, emptyDonor, stock: 0);
    }

    [Fact]
    public async Task A_refill_whose_units_went_to_a_shopper_who_came_meanwhile_asks_again_rather_than_calling_the_siblings_empty()
    {
        // The false "sold out" at the end of a burst: the pass's units were taken while their booking was written, and the
        // pass, with no sibling left to ask, said the siblings were empty although the donor still had a unit.
        var (recipient, donor) = await TwoShardsAsync(donorUnits: 2);
        TaskCompletionSource? booking = null;
        donor.AfterGiving = () =>
        {
            booking = recipient.HoldWrites();
            donor.AfterGiving = null;
        };
        var refill = recipient.RefillOne();
        await recipient.WriteHeld;
        Assert.Equal((1, 1), (recipient.Ledger.Available, donor.Ledger.Available));

        recipient.Ledger.PlaceHold("came-meanwhile", new HoldRecord("shopper", 1, "BR", null, 0, Now, Now.AddMinutes(10), "BRL", 10, 10, 0, 0, 0, 10));
        booking!.SetResult();

        Assert.True(await refill, "the donor still had a unit");
        Assert.Equal((1, 0), (recipient.Ledger.Available, donor.Ledger.Available));
        Assert.Equal(2, donor.Asked);
        AssertBooks(recipient, donor, stock: 2);
    }

    /// <summary>Units with the shards' journals (reloaded) plus units a donor gave to an ask not booked yet: the stock.</summary>
    private static void AssertBooks(Shard recipient, Shard donor, int stock = Stock)
    {
        var (r, d) = (recipient.Reload().Ledger.State, donor.Reload().Ledger.State);
        var inTransfer = r.Incoming.Keys.Sum(id => d.Donations.GetValueOrDefault(id));
        Assert.Equal(stock, r.Allocated + d.Allocated + inTransfer);
    }

    private async Task<(Shard Recipient, Shard Donor)> TwoShardsAsync(int donorUnits = Stock)
    {
        Shard? donor = null;
        var recipient = await Shard.StartAsync(0, 0, _clock, (id, wanted) => donor!.Give(id, wanted));
        donor = await Shard.StartAsync(1, donorUnits, _clock, (_, _) => throw new InvalidOperationException("the donor asks nobody"));
        return (recipient, donor);
    }

    private sealed class Shard
    {
        private readonly List<ShardEvent> _journal;
        private readonly Func<string, int, Task<int>> _donate;
        private readonly TimeProvider _clock;
        private TaskCompletionSource? _gate;
        private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Shard(int index, List<ShardEvent> journal, TimeProvider clock, Func<string, int, Task<int>> donate)
        {
            _clock = clock;
            Index = index;
            _journal = journal;
            _donate = donate;
            Ledger = new StockLedger(new StockLedgerState());
            foreach (var change in journal)
            {
                Ledger.Apply(change);
            }
            Commit = new GroupCommit(WriteAsync, () => { });
            Transfers = new SiblingTransfers($"sale/SKU/{index}", Ledger, Commit, (_, id, wanted) => _donate(id, wanted), clock, TimeSpan.FromSeconds(1));
        }

        public int Index { get; }
        public StockLedger Ledger { get; }
        public GroupCommit Commit { get; }
        public SiblingTransfers Transfers { get; }
        public bool FailWrites { get; set; }
        public int Asked { get; private set; }
        public Action? AfterGiving { get; set; }

        public static async Task<Shard> StartAsync(int index, int units, TimeProvider clock, Func<string, int, Task<int>> donate)
        {
            var shard = new Shard(index, [], clock, donate);
            var sale = new SaleDefinition("sale", "Sale", Now.AddHours(-1), Now.AddHours(1), ["BR"], 10,
                [new SaleItem("SKU", Stock, 5, ImmutableDictionary<string, decimal>.Empty.Add("BR", 10m), 2)]);
            shard.Ledger.SetUp(new ShardSetup(sale, "SKU", index, units));
            await shard.Commit.Durable();
            return shard;
        }

        /// <summary>A new activation from what the journal has (memory dropped).</summary>
        public Shard Reload() => new(Index, [.. _journal], _clock, _donate);

        public Task<bool> RefillOne() => Transfers.Refill(Index, 2, () => 1 - Ledger.Available);

        public async Task<int> Give(string transferId, int wanted)
        {
            Asked++;
            var given = await Transfers.Give(transferId, wanted);
            AfterGiving?.Invoke();
            return given;
        }

        /// <summary>Holds every write until the returned gate is opened.</summary>
        public TaskCompletionSource HoldWrites() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once a write waits at the gate <see cref="HoldWrites"/> set.</summary>
        public Task WriteHeld => _held.Task;

        private async Task WriteAsync(int covered)
        {
            var (events, _, _) = Ledger.TakeBatch();
            if (_gate is { } gate)
            {
                _held.TrySetResult();
                await gate.Task;
            }
            if (FailWrites)
            {
                throw new IOException("the write failed before it committed");
            }
            _journal.AddRange(events);
        }
    }
}
