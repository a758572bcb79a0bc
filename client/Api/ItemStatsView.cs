using FlashSale.Sales;

namespace FlashSale.Client.Api;

public sealed record ItemStatsView(
    string Sku, int Stock, int Sold, int Held, int Available, long Orders, RejectionsView Rejected, double AverageBatch)
{
    public static ItemStatsView From(ItemCounts counts) => new(
        counts.Sku, counts.Stock, counts.Sold, counts.Held, counts.Available, counts.Orders, RejectionsView.From(counts.Rejected),
        counts.Batches == 0 ? 0 : Math.Round((double)counts.BatchedRequests / counts.Batches, 2));
}
