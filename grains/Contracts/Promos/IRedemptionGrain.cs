namespace FlashSale.Promos;

/// <summary>Where a code's redemptions are held and confirmed for one customer: the code's own grain, or one of its allowance shards.</summary>
[Alias("flashsale.redemptions")]
public interface IRedemptionGrain : IGrainWithStringKey
{
    /// <summary>Holds one redemption for an order until <paramref name="releaseAfter"/> unless confirmed; idempotent per order.</summary>
    [Alias("reserve")]
    Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter);

    /// <summary>
    /// <see cref="Reserve"/> for several orders at once, decided in the order given and answered once one write covers
    /// them all: a stock shard sends the asks of the holds that arrived while its last ask was out, so a stampede on one
    /// code costs a call per batch, not per hold.
    /// </summary>
    [Alias("reserve-many")]
    Task<ImmutableArray<PromoReservation>> ReserveMany(ImmutableArray<RedemptionRequest> requests);

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
