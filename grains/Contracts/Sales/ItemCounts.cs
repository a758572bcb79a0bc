namespace FlashSale.Sales;

/// <summary>
/// An item's numbers over all its shards. <see cref="Available"/> is what is left of the stock, so
/// <c>Sold + Held + Available == Stock</c> holds by definition. What can fail, and is checked: the units the shards
/// were given (<see cref="Allocated"/>) plus those on their way between shards (<see cref="InTransfer"/>) are the stock
/// once every change has been delivered; a unit lost or counted twice in a transfer or a restock shows here.
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
    [property: Id(7)] long BatchedRequests,
    [property: Id(8)] int Allocated,
    [property: Id(9)] int InTransfer,
    [property: Id(10)] OrderOutcomes? Outcomes = null)
{
    public int Available => Stock - Sold - Held;
}
