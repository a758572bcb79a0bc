using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Pricing;

/// <summary>
/// Storefront reads (prices, quotes, sales with their stock bars), answered by a local worker in each silo from that silo's in-memory catalog
/// cache: never a storage read per request, and no single activation every page passes through.
/// </summary>
[Alias("flashsale.pricing")]
public interface IPricingGrain : IGrainWithIntegerKey
{
    [Alias("quote")]
    Task<QuoteAnswer> Quote(QuoteRequest request);

    [Alias("product")]
    Task<Product?> GetProduct(string sku);

    [Alias("regions")]
    Task<RegionTable> GetRegions();

    [Alias("sales")]
    Task<ImmutableArray<SaleSnapshot>> GetSales();

    [Alias("sale")]
    Task<SaleSnapshot?> GetSale(string saleId);

    /// <summary>A product's rating (none for an unknown product), from memory.</summary>
    [Alias("rating")]
    Task<Marketplace.RatingSummary> GetRating(string sku);
}
