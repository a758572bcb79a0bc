namespace FlashSale.Client.Features.Catalog;

/// <summary>Body of <c>PUT /api/admin/regions/{code}</c>; fees in the region's currency; the marketplace settings are optional.</summary>
public sealed record RegionRequest(
    string? Name,
    string? Currency,
    decimal? TaxRate,
    bool? PricesIncludeTax,
    decimal? ShippingFee,
    decimal? FreeShippingThreshold,
    DeliveryDaysBody? DeliveryDays = null,
    int? ProtectionDays = null,
    bool? AutoRefundLate = null);
