namespace FlashSale.Sales;

/// <summary>One stock shard's numbers. <see cref="Allocated"/> units are this shard's to sell.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.shard-counts")]
public sealed record ShardCounts(
    [property: Id(0)] int Allocated,
    [property: Id(1)] int Sold,
    [property: Id(2)] int Held,
    [property: Id(3)] long Orders,
    [property: Id(4)] Rejections Rejected,
    [property: Id(5)] long Batches,
    [property: Id(6)] long BatchedRequests,
    [property: Id(7)] ImmutableDictionary<string, int> PendingTransfers,
    [property: Id(8)] OrderOutcomes? Outcomes = null)
{
    public int Available => Allocated - Sold - Held;
}
