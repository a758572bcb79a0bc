namespace FlashSale.Marketplace;

/// <summary>A shopper's claim on an order, and how the store resolved it.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.dispute")]
public sealed record Dispute(
    [property: Id(0)] DisputeReason Reason,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] DisputeStatus Status,
    [property: Id(4)] string? Resolution,
    [property: Id(5)] DateTimeOffset? ResolvedAt);
