namespace FlashSale.Sales;

/// <summary>Refused orders by reason, as the shards count them (the web front counts its own rate-limit refusals).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.rejections")]
public sealed record Rejections(
    [property: Id(0)] long SoldOut,
    [property: Id(1)] long Limit,
    [property: Id(2)] long Promo,
    [property: Id(3)] long NotLive)
{
    public static Rejections None { get; } = new(0, 0, 0, 0);

    public static Rejections operator +(Rejections a, Rejections b) =>
        new(a.SoldOut + b.SoldOut, a.Limit + b.Limit, a.Promo + b.Promo, a.NotLive + b.NotLive);
}
