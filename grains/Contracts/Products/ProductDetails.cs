namespace FlashSale.Products;

/// <summary>What a marketer sets on a product (the price history and sale prices are kept by the grain).</summary>
[GenerateSerializer, Immutable, Alias("flashsale.product-details")]
public sealed record ProductDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] string Category,
    [property: Id(3)] string? ImageUrl,
    [property: Id(4)] ImmutableDictionary<string, decimal> ListPrices,
    [property: Id(5)] string? ShipsFrom = null);
