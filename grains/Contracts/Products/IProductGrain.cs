using FlashSale.Pricing;

namespace FlashSale.Products;

/// <summary>One product's details and price book, keyed by SKU. Reads are served from memory by every silo's catalog cache.</summary>
[Alias("flashsale.product-grain")]
public interface IProductGrain : IGrainWithStringKey
{
    [Alias("put")]
    Task<UpsertOutcome> Put(ProductDetails details);

    /// <summary>Null until the product has been created.</summary>
    [ReadOnly, Alias("get")]
    Task<Product?> Get();

    /// <summary>Sets (or replaces) the sale price of one sale; idempotent per sale id.</summary>
    [Alias("set-sale-price")]
    Task SetSalePrice(SalePrice price);
}
