namespace FlashSale.Client.Features.Catalog;

/// <summary>Body of <c>PUT /api/admin/regions/{code}</c>; fees in the region's currency.</summary>
public sealed record RegionRequest(
    string? Name,
    string? Currency,
    decimal? TaxRate,
    bool? PricesIncludeTax,
    decimal? ShippingFee,
    decimal? FreeShippingThreshold);
