namespace FlashSale.Promos;

/// <summary>Where a code's redemptions are held and confirmed for one customer: the code's own grain, or one of its allowance shards.</summary>
[Alias("flashsale.redemptions")]
public interface IRedemptionGrain : IGrainWithStringKey
{
    /// <summary>Holds one redemption for an order until <paramref name="releaseAfter"/> unless confirmed; idempotent per order.</summary>
    [Alias("reserve")]
    Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter);

    [Alias("confirm")]
    Task Confirm(string orderId);

    [Alias("release")]
    Task Release(string orderId);

    [Alias("counts"), AlwaysInterleave]
    Task<PromoCounts> GetCounts();

    /// <summary>The counts without the per-customer table: what every silo's cache reads twice a second.</summary>
    [Alias("totals"), AlwaysInterleave]
    Task<PromoCounts> GetTotals();
}
