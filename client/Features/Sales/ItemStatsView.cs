using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <param name="Allocated">Units the item's shards were given (initial shares, restocks, transfers booked).</param>
/// <param name="InTransfer">Units a shard gave another that has not booked them yet; with Allocated, the stock once every change is delivered.</param>
/// <param name="Paid">Holds paid; <paramref name="Cancelled"/>, <paramref name="Expired"/>: holds given back; <paramref name="PaidWithPromo"/>: paid holds with a code.</param>
/// <param name="Revenue">The totals of the paid holds, per region and currency.</param>
public sealed record ItemStatsView(
    string Sku, int Stock, int Sold, int Held, int Available, long Orders, RejectionsView Rejected, double AverageBatch, int Allocated, int InTransfer,
    long Paid, long Cancelled, long Expired, long PaidWithPromo, IReadOnlyList<RevenueView> Revenue)
{
    public static ItemStatsView From(ItemCounts counts, long rateLimited)
    {
        var outcomes = counts.Outcomes ?? OrderOutcomes.None;
        return new(
            counts.Sku, counts.Stock, counts.Sold, counts.Held, counts.Available, counts.Orders, RejectionsView.From(counts.Rejected, rateLimited),
            counts.Batches == 0 ? 0 : Math.Round((double)counts.BatchedRequests / counts.Batches, 2), counts.Allocated, counts.InTransfer,
            outcomes.Paid, outcomes.Cancelled, outcomes.Expired, outcomes.PaidWithPromo,
            [.. outcomes.Revenue.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => RevenueView.From(r.Key, r.Value))]);
    }
}
