using FlashSale.Regions;

namespace FlashSale.Client.Features.Catalog;

public sealed record RegionView(
    string Code,
    string Name,
    string Currency,
    decimal TaxRate,
    bool PricesIncludeTax,
    decimal ShippingFee,
    decimal? FreeShippingThreshold,
    DeliveryDaysBody DeliveryDays,
    int ProtectionDays,
    bool AutoRefundLate)
{
    public static RegionView From(Region region) => new(
        region.Code, region.Name, region.Currency, region.TaxRate, region.PricesIncludeTax, region.ShippingFee, region.FreeShippingThreshold,
        DeliveryDaysBody.From(region.DeliveryDays ?? Regions.DeliveryDays.Default),
        region.ProtectionDays ?? Marketplace.DeliveryPromise.DefaultProtectionDays, region.AutoRefundLate);
}
