using FlashSale.Domain;

namespace FlashSale.Pricing;

/// <summary>Every amount of a purchase, as the contract defines them; all in the region's currency.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.quote")]
public sealed record Quote(
    [property: Id(0)] Money UnitPrice,
    [property: Id(1)] int Quantity,
    [property: Id(2)] Money Subtotal,
    [property: Id(3)] Money Discount,
    [property: Id(4)] Money Shipping,
    [property: Id(5)] Money Tax,
    [property: Id(6)] Money Total,
    [property: Id(7)] PromoOutcome? Promo);
