namespace FlashSale.Products;

/// <summary>A list price that took effect at <see cref="From"/> (kept for the prior-price rule).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.price-point")]
public sealed record PricePoint(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] decimal Amount);
