using FlashSale.Pricing;

namespace FlashSale.Products;

[GenerateSerializer, Alias("flashsale.product-state")]
public sealed class ProductState
{
    [Id(0)]
    public ProductDetails? Details { get; set; }

    [Id(1)]
    public Dictionary<string, ImmutableArray<PricePoint>> ListPriceHistory { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public List<SalePrice> SalePrices { get; set; } = [];

    [Id(3)]
    public long Version { get; set; }
}
