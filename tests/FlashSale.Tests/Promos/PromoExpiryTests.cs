using FlashSale.Orders;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Tests.Promos;

public sealed class PromoExpiryTests
{
    [Fact]
    public async Task An_expired_hold_gives_its_redemption_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await ShopCluster.StartAsync(clock);
        var sale = await cluster.CreateSaleAsync("promo-expiry", "HOT-1", stock: 10, perCustomerLimit: 1, holdMinutes: 10);
        var code = await cluster.CreatePromoAsync("ONE", maxRedemptions: 1);
        var first = await cluster.Buy("slow", "k", sale.Id, "HOT-1", promo: code);
        var whileHeld = await cluster.Buy("next", "k", sale.Id, "HOT-1", promo: code);

        clock.Advance(TimeSpan.FromMinutes(10));
        await cluster.CountsAsync(sale.Id, "HOT-1");
        await Eventually.TrueAsync(async () => (await cluster.PromoCountsAsync(code)).Held == 0, "the expired hold's redemption is released");
        var afterExpiry = await cluster.Buy("next", "k2", sale.Id, "HOT-1", promo: code);

        Assert.Equal(OrderOutcome.Held, first.Outcome);
        Assert.Equal((OrderOutcome.PromoRejected, "exhausted"), (whileHeld.Outcome, whileHeld.Reason));
        Assert.Equal(OrderOutcome.Held, afterExpiry.Outcome);
    }
}
