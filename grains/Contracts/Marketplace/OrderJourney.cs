using FlashSale.Domain;
using FlashSale.Orders;

namespace FlashSale.Marketplace;

/// <summary>A paid order's life after payment: its delivery promise, shipping, dispute, refunds and review.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.order-journey")]
public sealed record OrderJourney(
    [property: Id(0)] Order Order,
    [property: Id(1)] string? ShipsFrom,
    [property: Id(2)] DeliveryWindow DeliveryBy,
    [property: Id(3)] DateTimeOffset ProtectionEndsAt,
    [property: Id(4)] FulfilmentStage Stage,
    [property: Id(5)] string? Tracking,
    [property: Id(6)] Dispute? Dispute,
    [property: Id(7)] ImmutableArray<Refund> Refunds,
    [property: Id(8)] Money Refunded,
    [property: Id(9)] Money Refundable,
    [property: Id(10)] bool Reviewed,
    [property: Id(11)] ImmutableArray<TimelineEntry> Timeline);
