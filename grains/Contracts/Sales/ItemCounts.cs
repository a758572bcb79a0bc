namespace FlashSale.Sales;

/// <summary>
/// An item's numbers over all its shards. <see cref="Available"/> is what is left of the stock, so
/// <c>Sold + Held + Available == Stock</c> holds at every moment, also while units move between shards.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.item-counts")]
public sealed record ItemCounts(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Stock,
    [property: Id(2)] int Sold,
    [property: Id(3)] int Held,
    [property: Id(4)] long Orders,
    [property: Id(5)] Rejections Rejected,
    [property: Id(6)] long Batches,
    [property: Id(7)] long BatchedRequests)
{
    public int Available => Stock - Sold - Held;
}
