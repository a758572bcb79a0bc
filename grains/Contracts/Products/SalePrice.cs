namespace FlashSale.Products;

/// <summary>A sale's price for one product per region, in force from <see cref="StartsAt"/> until <see cref="EndsAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-price")]
public sealed record SalePrice(
    [property: Id(0)] string SaleId,
    [property: Id(1)] DateTimeOffset StartsAt,
    [property: Id(2)] DateTimeOffset EndsAt,
    [property: Id(3)] ImmutableDictionary<string, decimal> Prices);
