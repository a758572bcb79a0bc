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

    /// <summary>
    /// The item's stats against what its buyers were told, exactly: sold == the units of payments answered "confirmed",
    /// held == the units of holds answered 201 and neither paid nor cancelled, and sold + held <= stock (the oversell
    /// bound: acknowledged units never exceed the stock). Waits while the stats settle; the last read is in the message.
    /// </summary>
    public static async Task AssertAcknowledgedAsync(HttpClient marketer, string saleId, string sku, int paidUnits, int heldUnits)
    {
        var last = "";
        await Eventually.TrueAsync(async () =>
        {
            var item = (await marketer.GetFromJsonAsync<JsonObject>($"/api/admin/sales/{saleId}/stats"))!["items"]!.AsArray()
                .Single(i => i!["sku"]!.GetValue<string>() == sku)!;
            var (stock, sold, held) = (item["stock"]!.GetValue<int>(), item["sold"]!.GetValue<int>(), item["held"]!.GetValue<int>());
            last = $"stats: stock {stock}, sold {sold}, held {held}; told buyers: {paidUnits} paid, {heldUnits} held";
            return sold == paidUnits && held == heldUnits && sold + held <= stock;
        }, () => $"the books of {saleId}/{sku} agree with what buyers were told ({last})");
    }
}
