namespace FlashSale.Marketplace;

/// <summary>A shopper's review of a product they received, one per order (the order id is its id).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.review")]
public sealed record Review(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] int Rating,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool Hidden = false);
