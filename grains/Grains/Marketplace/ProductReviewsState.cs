namespace FlashSale.Marketplace;

[GenerateSerializer, Alias("flashsale.product-reviews-state")]
public sealed class ProductReviewsState
{
    /// <summary>Every review of the product, by order id (at most one per delivered order of it).</summary>
    [Id(0)]
    public Dictionary<string, Review> Reviews { get; set; } = new(StringComparer.Ordinal);
}
