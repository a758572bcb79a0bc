using FlashSale.Orders;

namespace FlashSale.Tests.Sales;

public sealed class RestartTests
{
    [Fact]
    public async Task Every_acknowledged_order_is_still_there_after_the_whole_cluster_restarts_mid_sale()
    {
        await using var cluster = await ShopCluster.StartAsync();
        var sale = await cluster.CreateSaleAsync("restart", "HOT-1", stock: 100, perCustomerLimit: 1);
        var results = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => cluster.Buy($"r-{i}", "k", sale.Id, "HOT-1")));
        var acknowledged = results.Where(r => r.Outcome == OrderOutcome.Held).Select(r => r.Order!).ToList();

        await cluster.RestartAsync();
        var counts = await cluster.CountsAsync(sale.Id, "HOT-1");

        Assert.Equal(100, acknowledged.Count);
        Assert.Equal((100, 0), (counts.Held, counts.Available));
        foreach (var order in acknowledged)
        {
            await Eventually.TrueAsync(
                async () => (await cluster.Orders.GetOrder(order.CustomerId, order.OrderId)) is { Status: OrderStatus.Reserved },
                $"{order.CustomerId} sees order {order.OrderId}");
        }
        // A repeat after the restart is answered from the durable hold, not sold twice.
        var repeat = await cluster.Buy(acknowledged[0].CustomerId, "k", sale.Id, "HOT-1");
        Assert.Equal(acknowledged[0].OrderId, repeat.Order?.OrderId);
        Assert.Equal(100, (await cluster.CountsAsync(sale.Id, "HOT-1")).Orders);
    }

    [Fact]
    public async Task An_Idempotency_Key_that_placed_an_order_places_none_for_another_item_even_after_a_restart()
    {
        await using var cluster = await ShopCluster.StartAsync();
        var first = await cluster.CreateSaleAsync("key-first", "HOT-1", stock: 10);
        var other = await cluster.CreateSaleAsync("key-other", "HOT-2", stock: 10);
        Assert.Equal(OrderOutcome.Held, (await cluster.Buy("keeper", "same-key", first.Id, "HOT-1")).Outcome);

        await cluster.RestartAsync();
        var reused = await cluster.Buy("keeper", "same-key", other.Id, "HOT-2");

        Assert.Equal(OrderOutcome.KeyReused, reused.Outcome);
        Assert.Equal(0, (await cluster.CountsAsync(other.Id, "HOT-2")).Held);
        Assert.Equal(OrderOutcome.Held, (await cluster.Buy("keeper", "same-key", first.Id, "HOT-1")).Outcome);
    }
}
