using FlashSale.Orders;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Tests.Sales;

/// <summary>Holds that are neither paid nor cancelled expire, with time driven by the test.</summary>
public sealed class HoldExpiryTests
{
    [Fact]
    public async Task Expired_holds_return_their_units_and_cannot_be_paid()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await ShopCluster.StartAsync(clock);
        var sale = await cluster.CreateSaleAsync("expiry", "HOT-1", stock: 5, perCustomerLimit: 2, holdMinutes: 10);
        var held = new List<OrderResult>();
        foreach (var buyer in new[] { "late-0", "late-1", "late-2" })
        {
            held.Add(await cluster.Buy(buyer, "k", sale.Id, "HOT-1", quantity: 2));
        }
        var paidInTime = await cluster.Orders.Pay("late-0", held[0].Order!.OrderId);
        var before = await cluster.CountsAsync(sale.Id, "HOT-1");

        clock.Advance(TimeSpan.FromMinutes(10));
        var after = await cluster.CountsAsync(sale.Id, "HOT-1");
        var paidLate = await cluster.Orders.Pay("late-1", held[1].Order!.OrderId);

        Assert.Equal([OrderOutcome.Held, OrderOutcome.Held, OrderOutcome.SoldOut], held.Select(h => h.Outcome));
        Assert.Equal(OrderOutcome.Confirmed, paidInTime.Outcome);
        Assert.Equal((2, 2, 1), (before.Sold, before.Held, before.Available));
        Assert.Equal((2, 0, 3), (after.Sold, after.Held, after.Available));
        Assert.Equal(OrderOutcome.HoldExpired, paidLate.Outcome);
        await Eventually.TrueAsync(
            async () => (await cluster.Orders.GetOrder("late-1", held[1].Order!.OrderId))?.Status == OrderStatus.Expired,
            "the shopper's order shows it expired");
    }

    /// <summary>
    /// Pay racing expiry: a pay a millisecond before the deadline, sent together with a read that books due expiries,
    /// confirms the order (a hold lasts its full time); a pay at the deadline finds it expired.
    /// </summary>
    [Fact]
    public async Task A_pay_just_before_the_deadline_confirms_and_one_at_the_deadline_is_too_late()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await ShopCluster.StartAsync(clock);
        var sale = await cluster.CreateSaleAsync("deadline", "HOT-2", stock: 5, perCustomerLimit: 1, holdMinutes: 10);
        var early = await cluster.Buy("in-time", "k", sale.Id, "HOT-2");
        var late = await cluster.Buy("too-late", "k", sale.Id, "HOT-2");

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        var pay = cluster.Orders.Pay("in-time", early.Order!.OrderId);
        var read = cluster.CountsAsync(sale.Id, "HOT-2");
        await Task.WhenAll(pay, read);
        var beforeDeadline = await cluster.CountsAsync(sale.Id, "HOT-2");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var atDeadline = await cluster.Orders.Pay("too-late", late.Order!.OrderId);
        var after = await cluster.CountsAsync(sale.Id, "HOT-2");

        Assert.Equal(OrderOutcome.Confirmed, (await pay).Outcome);
        Assert.Equal((1, 1), (beforeDeadline.Sold, beforeDeadline.Held));
        Assert.Equal(OrderOutcome.HoldExpired, atDeadline.Outcome);
        Assert.Equal((1, 0), (after.Sold, after.Held));
    }

    /// <summary>
    /// An expired hold gives back what it took from the shopper: the units towards the item's per-customer limit and the
    /// use of a code capped at one per customer, so the same shopper can hold again with the same code.
    /// </summary>
    [Fact]
    public async Task An_expired_hold_gives_the_shopper_back_their_limit_and_their_use_of_a_code()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await ShopCluster.StartAsync(clock);
        var sale = await cluster.CreateSaleAsync("limit-back", "HOT-3", stock: 10, perCustomerLimit: 1, holdMinutes: 10);
        var code = await cluster.CreatePromoAsync("ONCEEACH", maxRedemptions: null, perCustomerLimit: 1);
        var first = await cluster.Buy("returning", "first", sale.Id, "HOT-3", promo: code);
        var whileHeld = await cluster.Buy("returning", "second", sale.Id, "HOT-3", promo: code);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await cluster.CountsAsync(sale.Id, "HOT-3")).Held);
        await Eventually.TrueAsync(async () => (await cluster.PromoCountsAsync(code)).Held == 0, "the expired hold's redemption is released");
        var again = await cluster.Buy("returning", "third", sale.Id, "HOT-3", promo: code);
        var counts = await cluster.PromoCountsAsync(code);

        Assert.Equal(OrderOutcome.Held, first.Outcome);
        Assert.Equal(OrderOutcome.LimitExceeded, whileHeld.Outcome);
        Assert.Equal(OrderOutcome.Held, again.Outcome);
        Assert.Equal((0, 1), (counts.Redeemed, counts.Held));
        Assert.Equal(1, counts.PerCustomer["returning"]);
    }
}
