namespace FlashSale.Regions;

/// <summary>A market the store sells into: its currency, tax and shipping rules.</summary>
/// <param name="TaxRate">0.17 means 17 %.</param>
/// <param name="FreeShippingThreshold">Order value (after discount) from which shipping is free; null: never free.</param>
/// <param name="DeliveryDays">Delivery times by origin; null: <see cref="DeliveryDays.Default"/>.</param>
/// <param name="ProtectionDays">Days after the delivery promise in which a shopper may open a dispute; null: the default.</param>
/// <param name="AutoRefundLate">Refund paid orders not delivered by the end of their promise, without a dispute.</param>
[GenerateSerializer, Immutable, Alias("flashsale.region")]
public sealed record Region(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Currency,
    [property: Id(3)] decimal TaxRate,
    [property: Id(4)] bool PricesIncludeTax,
    [property: Id(5)] decimal ShippingFee,
    [property: Id(6)] decimal? FreeShippingThreshold,
    [property: Id(7)] DeliveryDays? DeliveryDays = null,
    [property: Id(8)] int? ProtectionDays = null,
    [property: Id(9)] bool AutoRefundLate = false);
