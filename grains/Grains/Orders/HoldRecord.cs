namespace FlashSale.Orders;

/// <summary>
/// An order as its shard stores it: only what cannot be derived (the ids come from the shard and the
/// order id's own suffix, the request's identity is a 64-bit fingerprint), because every group-commit
/// write carries every live hold of the shard.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.hold-record")]
public sealed record HoldRecord(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string Region,
    [property: Id(3)] string? PromoCode,
    [property: Id(4)] long Fingerprint,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset HoldExpiresAt,
    [property: Id(7)] string Currency,
    [property: Id(8)] decimal UnitPrice,
    [property: Id(9)] decimal Subtotal,
    [property: Id(10)] decimal Discount,
    [property: Id(11)] decimal Shipping,
    [property: Id(12)] decimal Tax,
    [property: Id(13)] decimal Total,
    [property: Id(14)] OrderStatus Status = OrderStatus.Reserved,
    [property: Id(15)] DateTimeOffset? ResolvedAt = null);
