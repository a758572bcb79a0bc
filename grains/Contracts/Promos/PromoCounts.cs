namespace FlashSale.Promos;

/// <summary>Redemptions of a code: confirmed, held by live orders, per customer, and when it was last used.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.promo-counts")]
public sealed record PromoCounts(
    [property: Id(0)] int Redeemed,
    [property: Id(1)] int Held,
    [property: Id(2)] ImmutableDictionary<string, int> PerCustomer,
    [property: Id(3)] DateTimeOffset? LastUsedAt)
{
    public static PromoCounts None { get; } = new(0, 0, ImmutableDictionary<string, int>.Empty, null);
}
