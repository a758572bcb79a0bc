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
    [property: Id(13)] int Shards = 1)
{
    /// <summary>Whether <paramref name="other"/> has the same rules (a retried create), compared by content; not the share count, which is the platform's.</summary>
    public bool SameRulesAs(PromoDefinition other) =>
        Code == other.Code && Kind == other.Kind && Percent == other.Percent && SameEntries(Amounts, other.Amounts)
        && MaxRedemptions == other.MaxRedemptions && PerCustomerLimit == other.PerCustomerLimit
        && StartsAt == other.StartsAt && EndsAt == other.EndsAt && SameItems(Regions, other.Regions)
        && SameEntries(MinSubtotal, other.MinSubtotal) && SameItems(SaleIds, other.SaleIds) && SameItems(Skus, other.Skus)
        && CombinesWithSalePrice == other.CombinesWithSalePrice;

    private static bool SameEntries(ImmutableDictionary<string, decimal>? a, ImmutableDictionary<string, decimal>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? []).All(entry => b!.TryGetValue(entry.Key, out var value) && value == entry.Value);

    private static bool SameItems(ImmutableArray<string> a, ImmutableArray<string> b) =>
        (a.IsDefault ? [] : a).SequenceEqual(b.IsDefault ? [] : b);
}
