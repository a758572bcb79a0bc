using FlashSale.Orders;
using FlashSale.Promos;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Tests.Promos;

/// <summary>
/// The promo safety net: a redemption whose order never told the code what became of it (the shard's confirm or release
/// was lost) is settled by asking the order's shard once the hold's time is up, on a code of one allowance and on a code
/// shared over allowance shares.
/// </summary>
public sealed class PromoSafetyNetTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(null)]
    public async Task Redemptions_of_orders_that_went_quiet_are_settled_by_what_the_order_became(int? cap)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await ShopCluster.StartAsync(clock);
        var sale = await cluster.CreateSaleAsync($"quiet-{cap ?? 0}", "HOT-1", stock: 10, perCustomerLimit: 1, holdMinutes: 10);
        var code = await cluster.CreatePromoAsync($"QUIET{cap ?? 0}", cap);
        var paid = (await cluster.Buy("payer", "k", sale.Id, "HOT-1")).Order!;
        var cancelled = (await cluster.Buy("canceller", "k", sale.Id, "HOT-1")).Order!;
        var waiting = (await cluster.Buy("waiter", "k", sale.Id, "HOT-1")).Order!;
        Assert.Equal(OrderOutcome.Confirmed, (await cluster.Orders.Pay(paid.CustomerId, paid.OrderId)).Outcome);
        Assert.Equal(OrderOutcome.Cancelled, (await cluster.Orders.Cancel(cancelled.CustomerId, cancelled.OrderId)).Outcome);

        // Each order holds a redemption whose confirm or release never arrived, to be looked at again in a minute.
        var definition = (await cluster.Client.GetGrain<IPromoCodeGrain>(code).GetSnapshot())!.Definition;
        foreach (var order in new[] { paid, cancelled, waiting })
        {
            var redemptions = IPromoCodeGrain.For(cluster.Client, definition, order.CustomerId);
            Assert.Equal(PromoReservation.Reserved, await redemptions.Reserve(order.OrderId, order.CustomerId, clock.GetUtcNow().AddMinutes(1)));
        }
        Assert.Equal((0, 3), Counts(await cluster.PromoCountsAsync(code)));

        // A minute on: the paid order's redemption is confirmed, the cancelled one's released, the live hold's kept.
        clock.Advance(TimeSpan.FromMinutes(2));
        var counts = (0, 0);
        await Eventually.TrueAsync(async () => (counts = Counts(await cluster.PromoCountsAsync(code))) == (1, 1),
            () => $"the safety net settles the quiet orders' redemptions (redeemed, held) = (1, 1), not {counts}", TimeSpan.FromSeconds(45));

        // Once the live hold has expired, its redemption goes back too.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await cluster.CountsAsync(sale.Id, "HOT-1")).Held);
        await Eventually.TrueAsync(async () => (counts = Counts(await cluster.PromoCountsAsync(code))) == (1, 0),
            () => $"the expired order's redemption is released (redeemed, held) = (1, 0), not {counts}", TimeSpan.FromSeconds(45));
        Assert.Equal(1, (await cluster.PromoCountsAsync(code)).PerCustomer.GetValueOrDefault("payer"));
    }

    private static (int Redeemed, int Held) Counts(PromoCounts counts) => (counts.Redeemed, counts.Held);
}
