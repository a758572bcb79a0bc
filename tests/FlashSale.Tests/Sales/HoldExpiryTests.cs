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
}
