namespace FlashSale.Products;

/// <summary>The list of SKUs, for the console's product list (not on any shopper's path).</summary>
[Alias("flashsale.product-directory")]
public interface IProductDirectoryGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    [Alias("add")]
    Task Add(string sku);

    [ReadOnly, Alias("all")]
    Task<ImmutableArray<string>> GetAll();
}
