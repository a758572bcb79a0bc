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
                async () => (await cluster.Client.GetGrain<IShopperGrain>(order.CustomerId).GetOrder(order.OrderId)) is { Status: OrderStatus.Reserved },
                $"{order.CustomerId} sees order {order.OrderId}");
        }
        // A repeat after the restart is answered from the durable hold, not sold twice.
        var repeat = await cluster.Buy(acknowledged[0].CustomerId, "k", sale.Id, "HOT-1");
        Assert.Equal(acknowledged[0].OrderId, repeat.Order?.OrderId);
        Assert.Equal(100, (await cluster.CountsAsync(sale.Id, "HOT-1")).Orders);
    }
}
