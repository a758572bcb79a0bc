using FlashSale.Pricing;

namespace FlashSale.Orders;

/// <summary>An order: the hold a stock shard made durable, and what became of it.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.order")]
public sealed record Order(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] string Fingerprint,
    [property: Id(4)] OrderRequest Request,
    [property: Id(5)] Quote Quote,
    [property: Id(6)] OrderStatus Status,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset HoldExpiresAt,
    [property: Id(9)] DateTimeOffset? ResolvedAt,
    [property: Id(10)] string ShardKey)
{
    /// <summary>Later states win when two copies of an order meet (a retried event, a lost reply).</summary>
    public bool IsNewerThan(Order other) => Status != other.Status && other.Status == OrderStatus.Reserved;
}
