using FlashSale.Pricing;

namespace FlashSale.Products;

/// <summary>
/// A product and its price book: list prices per region (in that region's currency), their recent
/// history, and the sale prices sales have set. Everything a price read needs, in one immutable value.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.product")]
public sealed record Product(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] string Category,
    [property: Id(4)] string? ImageUrl,
    [property: Id(5)] ImmutableDictionary<string, decimal> ListPrices,
    [property: Id(6)] ImmutableDictionary<string, ImmutableArray<PricePoint>> ListPriceHistory,
    [property: Id(7)] ImmutableArray<SalePrice> SalePrices,
    [property: Id(8)] long Version,
    [property: Id(9)] string? ShipsFrom = null);
