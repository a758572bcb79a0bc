using FlashSale.Domain;

namespace FlashSale.Pricing;

/// <summary>What a shopper sees next to an item: the price charged, the list price, and the lowest price of the 30 days before a reduction.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.item-price")]
public sealed record ItemPrice(
    [property: Id(0)] Money Price,
    [property: Id(1)] Money ListPrice,
    [property: Id(2)] Money? PriorPrice);
