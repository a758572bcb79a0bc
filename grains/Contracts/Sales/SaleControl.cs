namespace FlashSale.Sales;

/// <summary>What a marketer did to a running sale: paused it, or ended it early.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-control")]
public sealed record SaleControl(
    [property: Id(0)] bool Paused,
    [property: Id(1)] DateTimeOffset? EndedAt)
{
    public static SaleControl Running { get; } = new(false, null);
}
