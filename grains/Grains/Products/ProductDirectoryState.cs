namespace FlashSale.Products;

[GenerateSerializer, Alias("flashsale.product-directory-state")]
public sealed class ProductDirectoryState
{
    [Id(0)]
    public SortedSet<string> Skus { get; set; } = new(StringComparer.Ordinal);
}
