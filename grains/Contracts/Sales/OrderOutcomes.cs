namespace FlashSale.Sales;

/// <summary>
/// What became of an item's holds: paid, cancelled, expired; paid ones with a promo code; and the money paid, per
/// region and currency (<c>"BR BRL"</c>: the order totals as quoted, tax and shipping included).
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.order-outcomes")]
public sealed record OrderOutcomes(
    [property: Id(0)] long Paid,
    [property: Id(1)] long Cancelled,
    [property: Id(2)] long Expired,
    [property: Id(3)] long PaidWithPromo,
    [property: Id(4)] ImmutableDictionary<string, decimal> Revenue)
{
    public static OrderOutcomes None { get; } = new(0, 0, 0, 0, ImmutableDictionary<string, decimal>.Empty);

    /// <summary>The key of a region's revenue in one currency.</summary>
    public static string RevenueKey(string region, string currency) => $"{region} {currency}";

    public static OrderOutcomes operator +(OrderOutcomes a, OrderOutcomes b) => new(
        a.Paid + b.Paid, a.Cancelled + b.Cancelled, a.Expired + b.Expired, a.PaidWithPromo + b.PaidWithPromo,
        b.Revenue.Aggregate(a.Revenue, (total, r) => total.SetItem(r.Key, total.GetValueOrDefault(r.Key) + r.Value)));
}
