using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <param name="Allocated">Units the item's shards were given (initial shares, restocks, transfers booked).</param>
/// <param name="InTransfer">Units a shard gave another that has not booked them yet; with Allocated, the stock once every change is delivered.</param>
public sealed record ItemStatsView(
    string Sku, int Stock, int Sold, int Held, int Available, long Orders, RejectionsView Rejected, double AverageBatch, int Allocated, int InTransfer)
{
    public static ItemStatsView From(ItemCounts counts) => new(
        counts.Sku, counts.Stock, counts.Sold, counts.Held, counts.Available, counts.Orders, RejectionsView.From(counts.Rejected),
        counts.Batches == 0 ? 0 : Math.Round((double)counts.BatchedRequests / counts.Batches, 2), counts.Allocated, counts.InTransfer);
}
