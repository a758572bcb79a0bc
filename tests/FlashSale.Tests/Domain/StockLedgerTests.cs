using FlashSale.Orders;
using FlashSale.Sales;

namespace FlashSale.Tests.Domain;

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
