using FlashSale.Orders;
using FlashSale.Tests.Sales;

namespace FlashSale.Tests.Promos;

/// <summary>Never double-redeem: a code's redemptions are held with the units and released with them, on two silos and PostgreSQL.</summary>
public sealed class PromoRedemptionTests(SharedShopCluster shared) : IClassFixture<SharedShopCluster>
{
    private ShopCluster Cluster => shared.Cluster;

    [Fact]
    public async Task A_cap_of_fifty_under_a_thousand_checkouts_gives_fifty_and_cancelled_ones_come_back()
    {
        var sale = await Cluster.CreateSaleAsync("promo-cap", "HOT-1", stock: 5000, perCustomerLimit: 1);
        var code = await Cluster.CreatePromoAsync("CAP50", maxRedemptions: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Cluster.Buy($"cap-{i}", "k", sale.Id, "HOT-1", promo: code)));
        var applied = results.Where(r => r.Outcome == OrderOutcome.Held).ToList();
        foreach (var order in applied.Take(10))
        {
            Assert.Equal(OrderOutcome.Cancelled, (await Cluster.Orders.Cancel(order.Order!.CustomerId, order.Order.OrderId)).Outcome);
        }
        var second = await Task.WhenAll(Enumerable.Range(0, 11).Select(i => Cluster.Buy($"cap-again-{i}", "k", sale.Id, "HOT-1", promo: code)));
        var counts = await Cluster.PromoCountsAsync(code);
        var stock = await Cluster.CountsAsync(sale.Id, "HOT-1");

        Assert.Equal(50, applied.Count);
        Assert.Equal(950, results.Count(r => r.Outcome == OrderOutcome.PromoRejected && r.Reason == "exhausted"));
        Assert.All(applied, r => Assert.Equal(r.Order!.Quote.Subtotal.Amount * 0.10m, r.Order.Quote.Discount.Amount));
        Assert.Equal(10, second.Count(r => r.Outcome == OrderOutcome.Held));
        Assert.Equal(1, second.Count(r => r.Outcome == OrderOutcome.PromoRejected));
        Assert.Equal((0, 50), (counts.Redeemed, counts.Held));
        Assert.Equal(50, stock.Held);
    }

    [Fact]
    public async Task A_cap_of_fifty_on_thirty_units_redeems_at_most_thirty_and_releases_the_rest()
    {
        var sale = await Cluster.CreateSaleAsync("promo-short", "HOT-2", stock: 30, perCustomerLimit: 1);
        var code = await Cluster.CreatePromoAsync("SHORT50", maxRedemptions: 50);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Cluster.Buy($"short-{i}", "k", sale.Id, "HOT-2", promo: code)));
        var paid = await Task.WhenAll(results.Where(r => r.Outcome == OrderOutcome.Held)
            .Select(r => Cluster.Orders.Pay(r.Order!.CustomerId, r.Order.OrderId)));
        var counts = await Cluster.PromoCountsAsync(code);
        var stock = await Cluster.CountsAsync(sale.Id, "HOT-2");

        Assert.Equal(30, results.Count(r => r.Outcome == OrderOutcome.Held));
        Assert.All(paid, p => Assert.Equal(OrderOutcome.Confirmed, p.Outcome));
        Assert.Equal((30, 0), (counts.Redeemed, counts.Held));
        Assert.Equal((30, 0, 0), (stock.Sold, stock.Held, stock.Available));
        Assert.True(counts.Redeemed + counts.Held <= 50);
    }

    [Fact]
    public async Task A_per_customer_cap_of_one_holds_under_twenty_concurrent_tries()
    {
        var sale = await Cluster.CreateSaleAsync("promo-once", "HOT-3", stock: 100, perCustomerLimit: 20);
        var code = await Cluster.CreatePromoAsync("ONCE", maxRedemptions: null, perCustomerLimit: 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Cluster.Buy("eager", $"try-{i}", sale.Id, "HOT-3", promo: code)));
        var counts = await Cluster.PromoCountsAsync(code);

        Assert.Equal(1, results.Count(r => r.Outcome == OrderOutcome.Held));
        Assert.Equal(19, results.Count(r => r.Outcome == OrderOutcome.PromoRejected && r.Reason == "customer-limit"));
        Assert.Equal(1, counts.PerCustomer["eager"]);
        Assert.Equal(1, (await Cluster.CountsAsync(sale.Id, "HOT-3")).Held);
    }

    [Fact]
    public async Task A_shared_code_spreads_its_cap_over_shards_and_runs_out_only_when_all_are_used()
    {
        var sale = await Cluster.CreateSaleAsync("promo-shared", "HOT-5", stock: 5000, perCustomerLimit: 1);
        var code = await Cluster.CreatePromoAsync("SHARED200", maxRedemptions: 200);
        var shards = FlashSale.Promos.PromoRules.AllowanceShardsFor(200);
        // Every buyer lands on allowance shard 0, which starts with a quarter of the cap.
        var buyers = Enumerable.Range(0, 20_000).Select(i => $"shared-{i}")
            .Where(c => FlashSale.Sales.SaleRules.ShardFor(c, shards) == 0).Take(201).ToList();

        var results = await Task.WhenAll(buyers.Take(200).Select(c => Cluster.Buy(c, "k", sale.Id, "HOT-5", promo: code)));
        var last = await Cluster.Buy(buyers[200], "k", sale.Id, "HOT-5", promo: code);
        var counts = await Cluster.PromoCountsAsync(code);

        Assert.True(shards > 1);
        Assert.All(results, r => Assert.Equal(OrderOutcome.Held, r.Outcome));
        Assert.Equal((OrderOutcome.PromoRejected, "exhausted"), (last.Outcome, last.Reason));
        Assert.Equal((0, 200), (counts.Redeemed, counts.Held));
    }

    [Fact]
    public async Task Codes_that_do_not_apply_say_why_and_hold_nothing()
    {
        var sale = await Cluster.CreateSaleAsync("promo-why", "HOT-4", stock: 10, perCustomerLimit: 5);
        await Cluster.CreatePromoAsync("GONE", maxRedemptions: 5);
        await Cluster.Client.GetGrain<FlashSale.Promos.IPromoCodeGrain>("GONE").Disable();

        var unknown = await Cluster.Buy("why", "a", sale.Id, "HOT-4", promo: "NOSUCHCODE");
        var disabled = await Cluster.Buy("why", "b", sale.Id, "HOT-4", promo: "gone ");

        Assert.Equal((OrderOutcome.PromoRejected, "unknown"), (unknown.Outcome, unknown.Reason));
        Assert.Equal((OrderOutcome.PromoRejected, "disabled"), (disabled.Outcome, disabled.Reason));
        Assert.Equal(0, (await Cluster.CountsAsync(sale.Id, "HOT-4")).Held);
    }
}
