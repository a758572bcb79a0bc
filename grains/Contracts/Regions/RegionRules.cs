using FlashSale.Domain;

namespace FlashSale.Regions;

/// <summary>What makes a region definition acceptable.</summary>
public static class RegionRules
{
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public static Region? Validate(
        string code, string? name, string? currency, decimal? taxRate, bool? pricesIncludeTax,
        decimal? shippingFee, decimal? freeShippingThreshold, FieldErrors errors,
        DeliveryDays? deliveryDays = null, int? protectionDays = null, bool? autoRefundLate = null)
    {
        var normalizedCode = NormalizeCode(code);
        if (!CountryCodes.IsAssigned(normalizedCode))
        {
            errors.Add("code", $"'{code}' is not an ISO 3166-1 alpha-2 country code (BR, RU, IN, US, DE, ...).");
        }
        var checkedName = errors.CheckText("name", name, 100);
        var normalizedCurrency = currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalizedCurrency))
        {
            errors.Add("currency", "Required.");
        }
        else if (!Currencies.IsKnown(normalizedCurrency))
        {
            errors.Add("currency", $"'{currency}' is not an ISO 4217 currency code (BRL, RUB, INR, EUR, USD, ...).");
        }
        if (taxRate is null)
        {
            errors.Add("taxRate", "Required.");
        }
        else if (taxRate is < 0m or > 1m)
        {
            errors.Add("taxRate", "Must be between 0 and 1 (0.17 means 17 %).");
        }
        if (pricesIncludeTax is null)
        {
            errors.Add("pricesIncludeTax", "Required.");
        }
        errors.CheckAmount("shippingFee", shippingFee, normalizedCurrency, required: true);
        errors.CheckAmount("freeShippingThreshold", freeShippingThreshold, normalizedCurrency, required: false);

        Marketplace.DeliveryPromise.Check(deliveryDays, errors);
        if (protectionDays is < 0 or > Marketplace.DeliveryPromise.MaxDays)
        {
            errors.Add("protectionDays", $"From 0 to {Marketplace.DeliveryPromise.MaxDays} days.");
        }

        return errors.IsEmpty
            ? new Region(normalizedCode, checkedName!, normalizedCurrency!, taxRate!.Value, pricesIncludeTax!.Value, shippingFee!.Value, freeShippingThreshold,
                deliveryDays, protectionDays, autoRefundLate ?? false)
            : null;
    }
}
