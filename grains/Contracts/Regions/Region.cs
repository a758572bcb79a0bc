namespace FlashSale.Regions;

/// <summary>A market the store sells into: its currency, tax and shipping rules.</summary>
/// <param name="TaxRate">0.17 means 17 %.</param>
/// <param name="FreeShippingThreshold">Order value (after discount) from which shipping is free; null: never free.</param>
[GenerateSerializer, Immutable, Alias("flashsale.region")]
public sealed record Region(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Currency,
    [property: Id(3)] decimal TaxRate,
    [property: Id(4)] bool PricesIncludeTax,
    [property: Id(5)] decimal ShippingFee,
    [property: Id(6)] decimal? FreeShippingThreshold);
