using FlashSale.Orders;
using FlashSale.Sales;

namespace FlashSale.UnitTests.Domain;

/// <summary>A stock shard's books without a cluster: what a replay rebuilds, what expiry and transfers do to the units.</summary>
public sealed class StockLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replaying_the_journal_rebuilds_every_unit_hold_and_order_the_shard_had()
    {
        var live = NewLedger(units: 10);
        var journal = new List<ShardEvent>();
        Hold(live, "a", "c1", 2);
        Hold(live, "b", "c2", 1);
        journal.AddRange(live.TakeBatch().Events);
        live.Resolve("a", OrderStatus.Confirmed, Now.AddMinutes(1));
        live.Resolve("b", OrderStatus.Cancelled, Now.AddMinutes(1));
        Hold(live, "c", "c2", 3);
        live.Restock("restock-1", 5);
        live.Restock("restock-1", 5);
        journal.AddRange(live.TakeBatch().Events);

        var replayed = new StockLedger(new StockLedgerState());
        foreach (var change in journal)
        {
            replayed.Apply(change);
        }

        Assert.Equal((15, 2, 3, 10), (replayed.State.Allocated, replayed.State.Sold, replayed.State.Held, replayed.Available));
        Assert.Equal((2, 3), (replayed.UnitsOf("c1"), replayed.UnitsOf("c2")));
        Assert.True(replayed.IsKnown("a") && replayed.IsKnown("b") && replayed.IsKnown("c"));
        Assert.Equal(OrderStatus.Confirmed, replayed.Recent("a")!.Status);
        Assert.Equal(OrderStatus.Cancelled, replayed.Recent("b")!.Status);
        Assert.NotNull(replayed.Live("c"));
    }

    [Fact]
    public void Holds_expire_in_their_order_and_a_paid_hold_never_expires()
    {
        var ledger = NewLedger(units: 10);
        Hold(ledger, "early", "c1", 1, at: Now);
        Hold(ledger, "paid", "c2", 1, at: Now.AddMinutes(1));
        Hold(ledger, "late", "c3", 1, at: Now.AddMinutes(5));
        ledger.Resolve("paid", OrderStatus.Confirmed, Now.AddMinutes(2));

        var expired = ledger.ExpireDue(Now.AddMinutes(12));

        Assert.Equal(["early"], expired.Select(o => o.OrderId[(o.OrderId.LastIndexOf('~') + 1)..]));
        Assert.Equal((1, 1, 8), (ledger.State.Sold, ledger.State.Held, ledger.Available));
        Assert.Equal(0, ledger.UnitsOf("c1"));
        Assert.Empty(ledger.ExpireDue(Now.AddMinutes(12)));
        Assert.Single(ledger.ExpireDue(Now.AddMinutes(15)));
    }

    [Fact]
    public void A_transfer_moves_units_once_however_often_it_is_completed()
    {
        var donor = NewLedger(units: 10, index: 1);
        var asker = NewLedger(units: 0);
        var transfer = asker.AskTransfer("sale/SKU/0", donor: 1);

        var given = donor.Donate(transfer, wanted: 2);
        Assert.True(asker.BookTransfer(transfer, given));
        Assert.False(asker.BookTransfer(transfer, given));

        // Half of what was left, since that is more than was asked: the asker is not back at once.
        Assert.Equal(5, given);
        Assert.Equal(10, donor.State.Allocated + asker.State.Allocated);
        Assert.Equal(given, donor.State.Donations[transfer]);
        Assert.Empty(asker.State.Incoming);
    }

    [Fact]
    public void A_voided_hold_gives_its_units_back_and_is_forgotten()
    {
        var ledger = NewLedger(units: 3);
        Hold(ledger, "dup", "c1", 2);
        var batch = ledger.TakeBatch();
        batch.Events.Add(ledger.Void("dup"));

        var replayed = new StockLedger(new StockLedgerState());
        foreach (var change in batch.Events)
        {
            replayed.Apply(change);
        }

        foreach (var books in new[] { ledger, replayed })
        {
            Assert.Equal((0, 3, 0L), (books.State.Held, books.Available, books.State.Orders));
            Assert.False(books.IsKnown("dup"));
            Assert.Equal(0, books.UnitsOf("c1"));
        }
    }

    [Fact]
    public void A_ledger_rebuilt_from_a_snapshot_expires_its_holds_in_their_order()
    {
        var live = NewLedger(units: 10);
        Hold(live, "late", "c1", 1, at: Now.AddMinutes(5));
        Hold(live, "early", "c2", 1, at: Now);

        // A snapshot's state holds the live holds in no particular order: the ledger orders them by expiry again.
        var rebuilt = new StockLedger(live.State);
        var first = rebuilt.ExpireDue(Now.AddMinutes(11));

        Assert.Equal(["early"], first.Select(o => o.OrderId[(o.OrderId.LastIndexOf('~') + 1)..]));
        Assert.Single(rebuilt.ExpireDue(Now.AddMinutes(15)));
        Assert.Equal((0, 10), (rebuilt.State.Held, rebuilt.Available));
    }

    [Fact]
    public void Set_up_restocks_and_controls_are_recorded_once_and_say_so()
    {
        var ledger = NewLedger(units: 4);
        var paused = new SaleControl(true, null);

        var setUpAgain = ledger.SetUp(ledger.Setup! with { Units = 99 });
        var restocks = (ledger.Restock("r1", 3), ledger.Restock("r1", 3), ledger.Restock("r2", 1));
        var controls = (ledger.ChangeControl(SaleControl.Running), ledger.ChangeControl(paused), ledger.ChangeControl(paused));
        var events = ledger.TakeBatch().Events;

        Assert.False(setUpAgain);
        Assert.Equal((true, false, true), restocks);
        Assert.Equal((false, true, false), controls);
        Assert.Equal(8, ledger.State.Allocated);
        Assert.Equal(paused, ledger.State.Control);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public void Transfers_asked_one_after_another_have_ids_of_their_own()
    {
        var ledger = NewLedger(units: 0);

        var first = ledger.AskTransfer("sale/SKU/0", donor: 1);
        var second = ledger.AskTransfer("sale/SKU/0", donor: 1);

        Assert.Equal(("sale/SKU/0#1", "sale/SKU/0#2"), (first, second));
        Assert.Equal(2, ledger.State.Incoming.Count);
    }

    [Fact]
    public void A_batch_carries_each_order_once_and_the_next_batch_starts_empty()
    {
        var ledger = NewLedger(units: 10);
        ledger.TakeBatch();
        Hold(ledger, "a", "c1", 1);
        ledger.Resolve("a", OrderStatus.Confirmed, Now);
        Hold(ledger, "b", "c2", 1);

        var first = ledger.TakeBatch();
        var second = ledger.TakeBatch();

        Assert.Equal(3, first.Events.Count);
        Assert.Equal(2, first.Orders.Count);
        Assert.Equal(OrderStatus.Confirmed, first.Orders.Single(o => o.CustomerId == "c1").Status);
        Assert.Equal(2, first.Placed.Count);
        Assert.Equal((0, 0, 0), (second.Events.Count, second.Orders.Count, second.Placed.Count));
    }

    [Fact]
    public void A_cancelled_hold_gives_back_only_its_own_units_of_the_shoppers_limit()
    {
        var ledger = NewLedger(units: 10);
        Hold(ledger, "one", "c1", 1);
        Hold(ledger, "two", "c1", 2);

        ledger.Resolve("one", OrderStatus.Cancelled, Now);
        var afterFirst = ledger.UnitsOf("c1");
        ledger.Resolve("two", OrderStatus.Cancelled, Now);

        Assert.Equal((2, 0), (afterFirst, ledger.UnitsOf("c1")));
        Assert.DoesNotContain("c1", ledger.State.UnitsByCustomer.Keys);
    }

    [Fact]
    public void Resolved_orders_are_kept_in_memory_up_to_the_bound_and_the_oldest_go_first()
    {
        var ledger = NewLedger(units: StockLedger.RecentKept + 1);
        for (var i = 0; i <= StockLedger.RecentKept; i++)
        {
            Hold(ledger, $"o{i}", $"c{i}", 1);
            ledger.Resolve($"o{i}", OrderStatus.Confirmed, Now);
        }

        Assert.Null(ledger.Recent("o0"));
        Assert.NotNull(ledger.Recent("o1"));
        Assert.NotNull(ledger.Recent($"o{StockLedger.RecentKept}"));
        Assert.True(ledger.IsKnown("o0"));
    }

    [Fact]
    public void Refusals_and_batches_are_counted_by_reason()
    {
        var ledger = NewLedger(units: 1);
        foreach (var reason in new[] { "soldOut", "soldOut", "limit", "promo", "notLive", "notLive", "notLive" })
        {
            ledger.Reject(reason);
        }
        ledger.CountBatch(5);
        ledger.CountBatch(3);

        Assert.Equal(new Rejections(2, 1, 1, 3), ledger.State.Rejected);
        Assert.Equal((2L, 8L), (ledger.State.Batches, ledger.State.BatchedRequests));
    }

    private static StockLedger NewLedger(int units, int index = 0)
    {
        var sale = new SaleDefinition("sale", "Sale", Now.AddHours(-1), Now.AddHours(1), ["BR"], 10,
            [new SaleItem("SKU", 100, 5, ImmutableDictionary<string, decimal>.Empty.Add("BR", 10m), 2)]);
        var ledger = new StockLedger(new StockLedgerState());
        // The set-up stays in the ledger's first batch: a replay starts from it.
        ledger.SetUp(new ShardSetup(sale, "SKU", index, units));
        return ledger;
    }

    private static void Hold(StockLedger ledger, string suffix, string customer, int quantity, DateTimeOffset? at = null)
    {
        var placed = at ?? Now;
        ledger.PlaceHold(suffix, new HoldRecord(customer, quantity, "BR", null, 1, placed, placed.AddMinutes(10), "BRL", 10m, 10m * quantity, 0, 0, 0, 10m * quantity));
    }
}
