using FlashSale.Orders;
using FlashSale.Sales;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace FlashSale.Tests.Sales;

/// <summary>The first promise under a burst: never oversell, limits and idempotency hold, on two silos and PostgreSQL.</summary>
public sealed class HotPathTests(SharedShopCluster shared) : IClassFixture<SharedShopCluster>
{
    private ShopCluster Cluster => shared.Cluster;

    [Fact]
    public async Task Two_thousand_buyers_for_a_hundred_units_get_exactly_a_hundred_holds()
    {
        var sale = await Cluster.CreateSaleAsync("burst", "HOT-1", stock: 100, perCustomerLimit: 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i =>
            Cluster.Buy($"buyer-{i}", $"key-{i}", sale.Id, "HOT-1")));
        var counts = await Cluster.CountsAsync(sale.Id, "HOT-1");

        Assert.Equal(100, results.Count(r => r.Outcome == OrderOutcome.Held));
        Assert.Equal(1900, results.Count(r => r.Outcome == OrderOutcome.SoldOut));
        // Held is what buyers were told is held (available is stock - sold - held, so it adds nothing); the shards were
        // given the stock and no more, whatever moved between them.
        Assert.Equal((100, 0, 100), (counts.Stock, counts.Sold, counts.Held));
        Assert.Equal(100, counts.Orders);
        Assert.Equal(100, counts.Allocated + counts.InTransfer);
        Assert.Equal(1900, counts.Rejected.SoldOut);
        Assert.True(counts.BatchedRequests > counts.Batches, $"group commit shares writes: {counts.BatchedRequests} requests in {counts.Batches} writes");
    }

    [Fact]
    public async Task No_buyer_is_told_sold_out_while_another_shard_still_has_units()
    {
        // Every buyer is routed to shard 0 of two, which starts with half the stock.
        var sale = await Cluster.CreateSaleAsync("spread", "HOT-2", stock: 40, perCustomerLimit: 1, shards: 2);
        var shardZeroBuyers = Enumerable.Range(0, 10_000).Select(i => $"spread-buyer-{i}")
            .Where(c => SaleRules.ShardFor(c, 2) == 0).Take(41).ToList();

        var first40 = await Task.WhenAll(shardZeroBuyers.Take(40).Select(c => Cluster.Buy(c, "k", sale.Id, "HOT-2")));
        var last = await Cluster.Buy(shardZeroBuyers[40], "k", sale.Id, "HOT-2");
        var counts = await Cluster.CountsAsync(sale.Id, "HOT-2");

        Assert.All(first40, r => Assert.Equal(OrderOutcome.Held, r.Outcome));
        Assert.Equal(OrderOutcome.SoldOut, last.Outcome);
        Assert.Equal((40, 0), (counts.Held, counts.Available));
        // Units moved from shard 1 to shard 0 are counted once: allocated to the shards plus in transfer is the stock.
        Assert.Equal(40, counts.Allocated + counts.InTransfer);
    }

    [Fact]
    public async Task One_shopper_with_fifty_concurrent_buys_and_a_limit_of_two_gets_two()
    {
        var sale = await Cluster.CreateSaleAsync("limit", "HOT-3", stock: 100, perCustomerLimit: 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Cluster.Buy("greedy", $"greedy-{i}", sale.Id, "HOT-3")));
        var counts = await Cluster.CountsAsync(sale.Id, "HOT-3");

        Assert.Equal(2, results.Count(r => r.Outcome == OrderOutcome.Held));
        Assert.Equal(48, results.Count(r => r.Outcome == OrderOutcome.LimitExceeded));
        Assert.Equal((2, 98), (counts.Held, counts.Available));
        Assert.Equal(48, counts.Rejected.Limit);
    }

    [Fact]
    public async Task Twenty_concurrent_repeats_of_one_key_through_both_silos_make_one_order()
    {
        var sale = await Cluster.CreateSaleAsync("repeat", "HOT-4", stock: 100, perCustomerLimit: 5);
        var silos = Cluster.Silos.Select(s => s.Services.GetRequiredService<IGrainFactory>()).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Cluster.Buy("repeater", "same-key", sale.Id, "HOT-4", quantity: 2, via: silos[i % silos.Count])));
        var reused = await Cluster.Buy("repeater", "same-key", sale.Id, "HOT-4", quantity: 3);
        var counts = await Cluster.CountsAsync(sale.Id, "HOT-4");

        Assert.All(results, r => Assert.Equal(OrderOutcome.Held, r.Outcome));
        // The same order id in every answer proves nothing (ids derive from customer and key); the shard's order count does.
        Assert.Single(results.Select(r => r.Order!.HoldExpiresAt).Distinct());
        Assert.Equal(OrderOutcome.KeyReused, reused.Outcome);
        Assert.Equal((1, 2, 98), (counts.Orders, counts.Held, counts.Available));
    }

    [Fact]
    public async Task Paying_and_cancelling_move_units_and_every_number_adds_up()
    {
        var sale = await Cluster.CreateSaleAsync("settle", "HOT-5", stock: 10, perCustomerLimit: 3);
        var paid = await Cluster.Buy("payer", "p", sale.Id, "HOT-5", quantity: 3);
        var cancelled = await Cluster.Buy("canceller", "c", sale.Id, "HOT-5", quantity: 2);

        var confirmation = await Cluster.Orders.Pay("payer", paid.Order!.OrderId);
        var cancellation = await Cluster.Orders.Cancel("canceller", cancelled.Order!.OrderId);
        var payAfterCancel = await Cluster.Orders.Pay("canceller", cancelled.Order!.OrderId);
        var counts = await Cluster.CountsAsync(sale.Id, "HOT-5");

        Assert.Equal(OrderOutcome.Confirmed, confirmation.Outcome);
        Assert.Equal(OrderOutcome.Cancelled, cancellation.Outcome);
        Assert.Equal(OrderOutcome.AlreadyCancelled, payAfterCancel.Outcome);
        Assert.Equal((3, 0, 7), (counts.Sold, counts.Held, counts.Available));
        // The canceller's units are free again, for anyone.
        var again = await Cluster.Buy("canceller", "c2", sale.Id, "HOT-5", quantity: 3);
        Assert.Equal(OrderOutcome.Held, again.Outcome);
    }

    [Fact]
    public async Task A_paused_sale_refuses_orders_until_resumed()
    {
        var sale = await Cluster.CreateSaleAsync("pause", "HOT-6", stock: 10);
        await Cluster.Client.GetGrain<ISaleGrain>(sale.Id).Pause();
        var whilePaused = await Cluster.Buy("pauser", "p1", sale.Id, "HOT-6");
        await Cluster.Client.GetGrain<ISaleGrain>(sale.Id).Resume();
        var afterResume = await Cluster.Buy("pauser", "p2", sale.Id, "HOT-6");
        await Cluster.Client.GetGrain<ISaleGrain>(sale.Id).Restock("HOT-6", 5);
        var counts = await Cluster.CountsAsync(sale.Id, "HOT-6");

        Assert.Equal(OrderOutcome.NotLive, whilePaused.Outcome);
        Assert.Equal(OrderOutcome.Held, afterResume.Outcome);
        Assert.Equal((15, 1, 14), (counts.Stock, counts.Held, counts.Available));
        Assert.Equal(1, counts.Rejected.NotLive);
    }

    [Fact]
    public async Task A_transfer_asked_again_after_two_thousand_others_gets_the_same_units_and_moves_nothing_more()
    {
        var sale = await Cluster.CreateSaleAsync("transfers", "HOT-4", stock: 4_000, perCustomerLimit: 1, shards: 2);
        var donor = Cluster.Client.GetGrain<IStockShardGrain>(SaleRules.ShardKey(sale.Id, "HOT-4", 1));
        var first = await donor.Donate("asker#first", 1);
        foreach (var batch in Enumerable.Range(0, 2_000).Chunk(200))
        {
            await Task.WhenAll(batch.Select(i => donor.Donate($"asker#{i}", 0)));
        }
        var allocated = (await donor.GetCounts()).Allocated;

        // A late completion of the first transfer (a retry after a crash) is answered as the first time, and costs nothing.
        Assert.Equal(first, await donor.Donate("asker#first", 5));
        Assert.Equal(allocated, (await donor.GetCounts()).Allocated);
    }
}
