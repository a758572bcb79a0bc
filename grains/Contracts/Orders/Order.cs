using FlashSale.Pricing;

namespace FlashSale.Orders;

/// <summary>An order: the hold a stock shard made durable, and what became of it.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.order")]
public sealed record Order(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] OrderRequest Request,
    [property: Id(3)] Quote Quote,
    [property: Id(4)] OrderStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset HoldExpiresAt,
    [property: Id(7)] DateTimeOffset? ResolvedAt);
