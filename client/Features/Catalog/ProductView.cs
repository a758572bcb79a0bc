using FlashSale.Products;

namespace FlashSale.Client.Features.Catalog;

public sealed record ProductView(
    string Sku,
    string Name,
    string Description,
    string Category,
    string? ImageUrl,
    IReadOnlyDictionary<string, decimal> ListPrices,
    string? ShipsFrom)
{
    public static ProductView From(string sku, ProductDetails details) =>
        new(sku, details.Name, details.Description, details.Category, details.ImageUrl, details.ListPrices, details.ShipsFrom);

    public static ProductView From(Product product) =>
        new(product.Sku, product.Name, product.Description, product.Category, product.ImageUrl, product.ListPrices, product.ShipsFrom);
}
