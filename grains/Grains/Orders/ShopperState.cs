namespace FlashSale.Orders;

/// <summary>A shopper's materialised orders.</summary>
[GenerateSerializer, Alias("flashsale.shopper-state")]
public sealed class ShopperState
{
    [Id(0)]
    public Dictionary<string, Order> Orders { get; set; } = new(StringComparer.Ordinal);
}
