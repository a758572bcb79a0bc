namespace FlashSale.Marketplace;

/// <summary>One step of an order's life as the shopper sees it (<c>placed</c>, <c>paid</c>, <c>shipped</c>, ...).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.timeline-entry")]
public sealed record TimelineEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Detail);
