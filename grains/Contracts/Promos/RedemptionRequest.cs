namespace FlashSale.Promos;

/// <summary>One order's ask for a redemption: held until <see cref="ReleaseAfter"/> unless confirmed (see <see cref="IRedemptionGrain.Reserve"/>).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.redemption-request")]
public sealed record RedemptionRequest(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] DateTimeOffset ReleaseAfter);
