namespace FlashSale.Promos;

/// <summary>
/// A promo code's rules. Empty <see cref="Regions"/>, <see cref="SaleIds"/> or <see cref="Skus"/> mean
/// "everywhere"; a null cap means "no cap". <see cref="Shards"/>: how many allowance grains share the
/// redemptions (1: the code's own grain keeps them; a shared code for a whole sale spreads them out).
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.promo-definition")]
public sealed record PromoDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] PromoKind Kind,
    [property: Id(2)] decimal Percent,
    [property: Id(3)] ImmutableDictionary<string, decimal> Amounts,
    [property: Id(4)] int? MaxRedemptions,
    [property: Id(5)] int? PerCustomerLimit,
    [property: Id(6)] DateTimeOffset? StartsAt,
    [property: Id(7)] DateTimeOffset? EndsAt,
    [property: Id(8)] ImmutableArray<string> Regions,
    [property: Id(9)] ImmutableDictionary<string, decimal> MinSubtotal,
    [property: Id(10)] ImmutableArray<string> SaleIds,
    [property: Id(11)] ImmutableArray<string> Skus,
    [property: Id(12)] bool CombinesWithSalePrice,
    [property: Id(13)] int Shards = 1);
