namespace FlashSale.Orders;

/// <summary>A shopper's order as it reaches the stock shard that serves that shopper for the item.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.hold-request")]
public sealed record HoldRequest(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] OrderRequest Request);
