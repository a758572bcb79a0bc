using System.Text.Json.Nodes;

namespace FlashSale.Tests.Infrastructure;

/// <summary>The check of the books that can fail: every unit of stock is with a shard or on its way between two.</summary>
public static class Books
{
    /// <summary>
    /// Once every change is delivered, each item's units allocated to its shards plus those in transfer are its stock
    /// (sold + held + available == stock holds by definition and proves nothing): a unit lost or counted twice shows here.
    /// </summary>
    public static async Task AssertStockAccountedForAsync(HttpClient marketer, string saleId)
    {
        JsonObject stats = null!;
        await Eventually.TrueAsync(async () =>
        {
            stats = (await marketer.GetFromJsonAsync<JsonObject>($"/api/admin/sales/{saleId}/stats"))!;
            return stats["pendingDeliveries"]!.GetValue<int>() == 0;
        }, $"every change of sale {saleId} reached its shards");
        foreach (var item in stats["items"]!.AsArray())
        {
            var (stock, allocated, inTransfer) = (item!["stock"]!.GetValue<int>(), item["allocated"]!.GetValue<int>(), item["inTransfer"]!.GetValue<int>());
            Assert.True(allocated + inTransfer == stock,
                $"{item["sku"]}: {allocated} units allocated to the shards + {inTransfer} in transfer should be the stock of {stock}");
        }
    }
}
