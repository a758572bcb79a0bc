namespace FlashSale.Promos;

/// <summary>
/// One promo code, keyed by its normalised text: its rules and its redemptions. Redemptions are held
/// with an order's units, confirmed when it is paid, released when it is cancelled, expires or fails;
/// <c>redeemed + held &lt;= maxRedemptions</c> at every moment. Writes go by group commit.
/// </summary>
[Alias("flashsale.promo-code")]
public interface IPromoCodeGrain : IGrainWithStringKey
{
    /// <summary>False when the code exists already (with any rules).</summary>
    [Alias("create")]
    Task<bool> Create(PromoDefinition definition);

    [Alias("snapshot"), AlwaysInterleave]
    Task<PromoSnapshot?> GetSnapshot();

    [Alias("disable")]
    Task<PromoSnapshot?> Disable();

    /// <summary>Holds one redemption for an order until <paramref name="releaseAfter"/> unless confirmed; idempotent per order.</summary>
    [Alias("reserve")]
    Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter);

    [Alias("confirm")]
    Task Confirm(string orderId);

    [Alias("release")]
    Task Release(string orderId);
}
