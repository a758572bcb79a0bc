using FlashSale.Promos;

namespace FlashSale.UnitTests.Domain;

/// <summary>A code's redemptions and an allowance share's books without a cluster: caps, per-customer limits, transfers, replay.</summary>
public sealed class RedemptionLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Redemptions_stop_at_the_cap_and_a_released_one_can_be_used_again()
    {
        var ledger = new RedemptionLedger { Allocated = 2 };

        var first = ledger.TryReserve("o1", "ana", Now.AddMinutes(11), null, Now);
        var repeat = ledger.TryReserve("o1", "ana", Now.AddMinutes(11), null, Now);
        var second = ledger.TryReserve("o2", "bob", Now.AddMinutes(11), null, Now);
        var third = ledger.TryReserve("o3", "cid", Now.AddMinutes(11), null, Now);
        var released = ledger.Release("o2");
        var again = ledger.TryReserve("o3", "cid", Now.AddMinutes(11), null, Now);

        Assert.Equal([PromoReservation.Reserved, PromoReservation.Reserved, PromoReservation.Reserved, PromoReservation.Exhausted], [first, repeat, second, third]);
        Assert.True(released);
        Assert.Equal(PromoReservation.Reserved, again);
        Assert.Equal((0, 2, 0), (ledger.Redeemed, ledger.Holds.Count, ledger.Left));
        Assert.Equal(new Dictionary<string, int> { ["ana"] = 1, ["cid"] = 1 }, ledger.PerCustomer);
    }

    [Fact]
    public void A_confirmed_redemption_stays_counted_for_its_customer_and_changes_nothing_when_repeated()
    {
        var ledger = new RedemptionLedger { Allocated = 5 };
        ledger.TryReserve("o1", "ana", Now.AddMinutes(11), 1, Now);

        var confirmed = ledger.Confirm("o1");
        var confirmedAgain = ledger.Confirm("o1");
        var releasedAfter = ledger.Release("o1");
        var reserveAgain = ledger.TryReserve("o1", "ana", Now.AddMinutes(11), 1, Now);
        var anotherOrder = ledger.TryReserve("o2", "ana", Now.AddMinutes(11), 1, Now);
        var unknown = (ledger.Confirm("nope"), ledger.Release("nope"));

        Assert.Equal((true, false, false), (confirmed, confirmedAgain, releasedAfter));
        Assert.Equal(PromoReservation.Reserved, reserveAgain);
        Assert.Equal(PromoReservation.CustomerLimit, anotherOrder);
        Assert.Equal((false, false), unknown);
        Assert.Equal((1, 0, 4), (ledger.Redeemed, ledger.Holds.Count, ledger.Left));
        Assert.Equal(1, ledger.PerCustomer["ana"]);
        Assert.Equal((1, 0), (ledger.Counts().Redeemed, ledger.Counts().Held));
    }

    [Fact]
    public void A_customer_limit_counts_held_and_confirmed_redemptions_and_a_release_gives_one_back()
    {
        var ledger = new RedemptionLedger { Allocated = 10 };
        ledger.TryReserve("o1", "ana", Now, 2, Now);
        ledger.Confirm("o1");
        ledger.TryReserve("o2", "ana", Now, 2, Now);

        var third = ledger.TryReserve("o3", "ana", Now, 2, Now);
        ledger.Release("o2");
        var afterRelease = ledger.TryReserve("o3", "ana", Now, 2, Now);

        Assert.Equal(PromoReservation.CustomerLimit, third);
        Assert.Equal(PromoReservation.Reserved, afterRelease);
        Assert.Equal(2, ledger.PerCustomer["ana"]);
    }

    [Fact]
    public void A_share_gives_what_is_asked_or_half_of_what_is_left_and_books_a_transfer_once()
    {
        var donor = new AllowanceBook(new PromoAllowanceState());
        var asker = new AllowanceBook(new PromoAllowanceState());
        var definition = Definition(cap: 101, shards: 2);
        donor.Start(definition, 1);
        asker.Start(definition, 0);
        Assert.False(asker.Start(definition, 0));
        donor.Reserve("o1", "ana", Now, Now);

        var transfer = asker.AskTransfer("SHARED/0", donor: 1);
        var given = donor.Donate(transfer, 1);
        var booked = asker.BookTransfer(transfer, given);
        var bookedAgain = asker.BookTransfer(transfer, given);
        var nothingLeft = donor.Donate("another", 100);

        // Nothing made or lost: what the asker got and the donor gave add up to the shares they started with.
        Assert.Equal((51, 50), (asker.State.Ledger.Allocated - given, donor.State.Ledger.Allocated + given + nothingLeft));
        Assert.Equal(49 / 2, given);
        Assert.Equal((true, false), (booked, bookedAgain));
        Assert.Equal(51 + 24, asker.State.Ledger.Allocated);
        Assert.Equal(25, nothingLeft);
        Assert.Equal(0, donor.State.Ledger.Left);
        Assert.Equal("SHARED/0#1", transfer);
    }

    [Fact]
    public void A_share_records_a_repeated_reservation_once_and_starts_once()
    {
        var share = new AllowanceBook(new PromoAllowanceState());
        var definition = Definition(cap: 101, shards: 2);

        var started = (share.Start(definition, 0), share.Start(definition, 0));
        var answers = (share.Reserve("o1", "ana", Now, Now), share.Reserve("o1", "ana", Now, Now));
        var transfers = (share.AskTransfer("X/0", 1), share.AskTransfer("X/0", 1));

        Assert.Equal((true, false), started);
        Assert.Equal((PromoReservation.Reserved, PromoReservation.Reserved), answers);
        Assert.Equal((1, 1), (share.Ledger.Holds.Count, share.Ledger.PerCustomer["ana"]));
        Assert.Equal(("X/0#1", "X/0#2"), transfers);
        Assert.Equal(4, share.TakeBatch().Count);
    }

    [Fact]
    public void Replaying_a_shares_events_rebuilds_its_books()
    {
        var live = new AllowanceBook(new PromoAllowanceState());
        var definition = Definition(cap: 101, shards: 2);
        var journal = new List<AllowanceEvent>();
        live.Start(definition, 0);
        live.Reserve("o1", "ana", Now.AddMinutes(11), Now);
        live.Reserve("o2", "bob", Now.AddMinutes(11), Now);
        live.Reserve("o3", "cid", Now.AddMinutes(11), Now);
        journal.AddRange(live.TakeBatch());
        live.Confirm("o1");
        live.Release("o2");
        live.Donate("t1", 10);
        var asked = live.AskTransfer("X/0", 1);
        live.BookTransfer(asked, 3);
        journal.AddRange(live.TakeBatch());

        var replayed = new AllowanceBook(new PromoAllowanceState());
        foreach (var change in journal)
        {
            replayed.Apply(change);
        }

        Assert.Equal(0, live.PendingEvents);
        Assert.Equal(
            (live.State.Ledger.Allocated, live.State.Ledger.Redeemed, live.State.Ledger.Holds.Count, live.State.Ledger.Left),
            (replayed.State.Ledger.Allocated, replayed.State.Ledger.Redeemed, replayed.State.Ledger.Holds.Count, replayed.State.Ledger.Left));
        // Asked for 10 with 49 left, the share gave half of what it had: 24.
        Assert.Equal((51 - 24 + 3, 1, 1), (replayed.State.Ledger.Allocated, replayed.State.Ledger.Redeemed, replayed.State.Ledger.Holds.Count));
        Assert.Equal(live.State.Ledger.PerCustomer, replayed.State.Ledger.PerCustomer);
        Assert.Equal(24, replayed.State.Donations["t1"]);
        Assert.Empty(replayed.State.Incoming);
    }

    private static PromoDefinition Definition(int cap, int shards) => new(
        "SHARED", PromoKind.Percent, 10m, ImmutableDictionary<string, decimal>.Empty, cap, null, null, null,
        [], ImmutableDictionary<string, decimal>.Empty, [], [], true, shards);
}
