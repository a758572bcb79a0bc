using System.Text.RegularExpressions;
using FlashSale.Domain;
using FlashSale.Regions;

namespace FlashSale.Products;

/// <summary>What makes a product definition acceptable.</summary>
public static partial class ProductRules
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SkuPattern();

    public static bool IsValidSku(string? sku) => sku is not null && SkuPattern().IsMatch(sku);

    public static ProductDetails? Validate(
        string sku, string? name, string? description, string? category, string? imageUrl,
        IReadOnlyDictionary<string, decimal>? listPrices, RegionTable regions, FieldErrors errors, string? shipsFrom = null)
    {
        if (!IsValidSku(sku))
        {
            errors.Add("sku", "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        var checkedName = errors.CheckText("name", name, 200);
        var checkedDescription = errors.CheckText("description", description, 4000, required: false) ?? "";
        var checkedCategory = errors.CheckText("category", category, 100);
        var checkedImage = errors.CheckText("imageUrl", imageUrl, 2000, required: false);
        if (checkedImage is not null
            && !checkedImage.StartsWith('/')
            && !(Uri.TryCreate(checkedImage, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add("imageUrl", "An http(s) URL or a path on this site starting with '/'.");
        }

        var origin = string.IsNullOrWhiteSpace(shipsFrom) ? null : RegionRules.NormalizeCode(shipsFrom);
        if (origin is not null && !CountryCodes.IsAssigned(origin))
        {
            errors.Add("shipsFrom", $"'{shipsFrom}' is not an ISO 3166-1 alpha-2 country code (the warehouse's country: CN, BR, ...).");
        }

        var prices = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        if (listPrices is null || listPrices.Count == 0)
        {
            errors.Add("listPrices", "At least one region's list price is required.");
        }
        else
        {
            foreach (var (rawRegion, amount) in listPrices)
            {
                var code = RegionRules.NormalizeCode(rawRegion);
                var field = $"listPrices.{rawRegion}";
                var region = regions.Regions.FirstOrDefault(r => r.Code == code);
                if (region is null)
                {
                    errors.Add(field, $"'{rawRegion}' is not a region of this store: create it first (PUT /api/admin/regions/{code}).");
                    continue;
                }
                if (amount <= 0)
                {
                    errors.Add(field, "A list price must be more than 0.");
                    continue;
                }
                errors.CheckAmount(field, amount, region.Currency, required: true);
                prices[code] = amount;
            }
        }
        return errors.IsEmpty
            ? new ProductDetails(checkedName!, checkedDescription, checkedCategory!, checkedImage, prices.ToImmutable(), origin)
            : null;
    }
}
