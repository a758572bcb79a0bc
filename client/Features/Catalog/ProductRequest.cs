namespace FlashSale.Client.Features.Catalog;

/// <summary>Body of <c>PUT /api/admin/products/{sku}</c>: list prices per region, in that region's currency.</summary>
public sealed record ProductRequest(
    string? Name,
    string? Description,
    string? Category,
    string? ImageUrl,
    Dictionary<string, decimal>? ListPrices,
    string? ShipsFrom = null);
