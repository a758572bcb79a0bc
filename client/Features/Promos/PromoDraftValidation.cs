using System.Collections.Immutable;
using FlashSale.Domain;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Promos;

/// <summary>What makes a marketer's promo draft acceptable (the code's format: <see cref="PromoValidation"/>).</summary>
public static class PromoDraftValidation
{
    public static PromoDefinition? Validate(PromoDraft draft, string? code, RegionTable regions, FieldErrors errors, string path = "")
    {
        if (code is not null && !PromoValidation.IsValidCode(code))
        {
            errors.Add("code", "3-40 letters, digits, '-' or '_' (codes are case-insensitive).");
        }
        var kind = draft.Kind switch
        {
            "percent" => PromoKind.Percent,
            "amount" => PromoKind.Amount,
            "freeShipping" => PromoKind.FreeShipping,
            _ => (PromoKind?)null,
        };
        if (kind is null)
        {
            errors.Add($"{path}kind", "One of percent, amount, freeShipping.");
        }
        if (kind == PromoKind.Percent && draft.Percent is not (> 0 and <= 100))
        {
            errors.Add($"{path}percent", "A percentage above 0 and at most 100.");
        }
        var amounts = Amounts(draft.Amounts, $"{path}amounts", regions, errors, positive: true);
        if (kind == PromoKind.Amount && amounts.Count == 0 && !errors.Has($"{path}amounts"))
        {
            errors.Add($"{path}amounts", "An amount per region is required for an amount code.");
        }
        if (draft.MaxRedemptions is < 1)
        {
            errors.Add($"{path}maxRedemptions", "At least 1 (leave it out for no cap).");
        }
        if (draft.PerCustomerLimit is < 1)
        {
            errors.Add($"{path}perCustomerLimit", "At least 1 (leave it out for no limit).");
        }
        if (draft.StartsAt is { } starts && draft.EndsAt is { } ends && ends <= starts)
        {
            errors.Add($"{path}endsAt", "Must be after startsAt.");
        }
        var codeRegions = new List<string>();
        foreach (var (raw, index) in (draft.Regions ?? []).Select((r, i) => (r, i)))
        {
            var normalized = RegionRules.NormalizeCode(raw ?? "");
            if (regions.Regions.All(r => r.Code != normalized))
            {
                errors.Add($"{path}regions[{index}]", $"'{raw}' is not a region of this store.");
            }
            else
            {
                codeRegions.Add(normalized);
            }
        }
        var minimums = Amounts(draft.MinSubtotal, $"{path}minSubtotal", regions, errors, positive: false);
        foreach (var (saleId, index) in (draft.SaleIds ?? []).Select((s, i) => (s, i)).Where(s => !SaleRules.IsValidSaleId(s.s)))
        {
            errors.Add($"{path}saleIds[{index}]", $"'{saleId}' is not a sale id.");
        }
        foreach (var (sku, index) in (draft.Skus ?? []).Select((s, i) => (s, i)).Where(s => !ProductRules.IsValidSku(s.s)))
        {
            errors.Add($"{path}skus[{index}]", $"'{sku}' is not a SKU.");
        }
        return errors.IsEmpty
            ? new PromoDefinition(
                code ?? "", kind!.Value, kind == PromoKind.Percent ? draft.Percent!.Value : 0m, amounts, draft.MaxRedemptions, draft.PerCustomerLimit,
                draft.StartsAt?.ToUniversalTime(), draft.EndsAt?.ToUniversalTime(), [.. codeRegions.Distinct()], minimums,
                [.. (draft.SaleIds ?? []).Distinct()], [.. (draft.Skus ?? []).Distinct()], draft.CombinesWithSalePrice ?? true)
            : null;
    }

    private static ImmutableDictionary<string, decimal> Amounts(
        IReadOnlyDictionary<string, decimal>? raw, string field, RegionTable regions, FieldErrors errors, bool positive)
    {
        var result = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (rawRegion, amount) in raw ?? new Dictionary<string, decimal>())
        {
            var code = RegionRules.NormalizeCode(rawRegion);
            if (regions.Regions.FirstOrDefault(r => r.Code == code) is not { } region)
            {
                errors.Add($"{field}.{rawRegion}", $"'{rawRegion}' is not a region of this store.");
            }
            else if (positive && amount <= 0)
            {
                errors.Add($"{field}.{rawRegion}", "Must be more than 0.");
            }
            else
            {
                errors.CheckAmount($"{field}.{rawRegion}", amount, region.Currency, required: true);
                result[code] = amount;
            }
        }
        return result.ToImmutable();
    }
}
