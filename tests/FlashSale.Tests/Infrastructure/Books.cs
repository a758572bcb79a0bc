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
        // Read until every change is delivered and the counts agree: one read gathers each shard's numbers and then asks
        // donors about transfers in flight, so a shard that is reloading after a failed write (its memory ahead of its
        // journal until it does) can be read on both sides of its reload within that one read. A unit truly lost or counted
        // twice stays wrong, and the last read is in the failure.
        var last = "";
        await Eventually.TrueAsync(async () =>
        {
            var stats = (await marketer.GetFromJsonAsync<JsonObject>($"/api/admin/sales/{saleId}/stats"))!;
            var wrong = stats["items"]!.AsArray()
                .Select(item => (Sku: item!["sku"]!.GetValue<string>(), Stock: item["stock"]!.GetValue<int>(), Allocated: item["allocated"]!.GetValue<int>(), InTransfer: item["inTransfer"]!.GetValue<int>()))
                .Where(i => i.Allocated + i.InTransfer != i.Stock)
                .Select(i => $"{i.Sku}: {i.Allocated} units allocated to the shards + {i.InTransfer} in transfer should be the stock of {i.Stock}")
                .ToList();
            var pending = stats["pendingDeliveries"]!.GetValue<int>();
            last = pending > 0 ? $"{pending} changes not delivered yet; {string.Join("; ", wrong)}" : string.Join("; ", wrong);
            return pending == 0 && wrong.Count == 0;
        }, () => $"every unit of sale {saleId} is with a shard or in transfer (last read: {last})", TimeSpan.FromSeconds(20));
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
