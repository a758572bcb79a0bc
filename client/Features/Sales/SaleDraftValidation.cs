using System.Collections.Immutable;
using FlashSale.Domain;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <summary>What makes a marketer's sale draft acceptable: known regions and products, a price for every region, a window in the future (the limits: <see cref="SaleValidation"/>).</summary>
public static class SaleDraftValidation
{
    public static SaleDefinition? Validate(
        SaleDraft draft, string generatedId, RegionTable regions, IReadOnlyDictionary<string, Product> products,
        DateTimeOffset now, FieldErrors errors, int maxShards = SaleRules.MaxShards)
    {
        var id = draft.Id?.Trim() ?? generatedId;
        if (!SaleRules.IsValidSaleId(id))
        {
            errors.Add("id", "1-64 lowercase letters, digits or '-', starting with a letter or digit.");
        }
        var name = errors.CheckText("name", draft.Name, 200);
        var latestStart = now.AddYears(SaleValidation.MaxYearsAhead);
        if (draft.StartsAt is null)
        {
            errors.Add("startsAt", "Required (ISO-8601, e.g. 2026-12-01T12:00:00Z).");
        }
        else if (draft.StartsAt < SaleValidation.EarliestStart || draft.StartsAt > latestStart)
        {
            errors.Add("startsAt", $"From {SaleValidation.EarliestStart:yyyy-MM-dd} to {SaleValidation.MaxYearsAhead} years ahead ({latestStart:yyyy-MM-dd}).");
        }
        if (draft.EndsAt is null)
        {
            errors.Add("endsAt", "Required (ISO-8601, e.g. 2026-12-01T13:00:00Z).");
        }
        else if (draft.StartsAt is { } starts && draft.EndsAt <= starts)
        {
            errors.Add("endsAt", "Must be after startsAt.");
        }
        else if (draft.EndsAt <= now)
        {
            errors.Add("endsAt", "Must be in the future.");
        }
        else if (draft.StartsAt is { } start && !errors.Has("startsAt") && draft.EndsAt.Value - start > SaleValidation.MaxDuration)
        {
            errors.Add("endsAt", $"At most {SaleValidation.MaxDuration.TotalDays:0} days after startsAt.");
        }
        var holdMinutes = draft.HoldMinutes ?? SaleRules.DefaultHoldMinutes;
        if (holdMinutes is < 1 or > 120)
        {
            errors.Add("holdMinutes", "From 1 to 120 minutes.");
        }

        WaitingRoom? room = null;
        if (draft.WaitingRoom is { } roomDraft)
        {
            if (WaitingRoom.Refusal(roomDraft.AdmitPerSecond) is { } refusal)
            {
                errors.Add("waitingRoom.admitPerSecond", refusal);
            }
            else
            {
                room = new WaitingRoom(roomDraft.AdmitPerSecond!.Value);
            }
        }

        var saleRegions = new List<Region>();
        if (draft.Regions is null || draft.Regions.Count == 0)
        {
            errors.Add("regions", "At least one region.");
        }
        else
        {
            for (var i = 0; i < draft.Regions.Count; i++)
            {
                var code = RegionRules.NormalizeCode(draft.Regions[i] ?? "");
                if (regions.Regions.FirstOrDefault(r => r.Code == code) is not { } region)
                {
                    errors.Add($"regions[{i}]", $"'{draft.Regions[i]}' is not a region of this store.");
                }
                else if (saleRegions.Contains(region))
                {
                    errors.Add($"regions[{i}]", $"{code} is listed twice.");
                }
                else
                {
                    saleRegions.Add(region);
                }
            }
        }

        var items = new List<SaleItem>();
        if (draft.Items is null || draft.Items.Count == 0)
        {
            errors.Add("items", "At least one item.");
        }
        else if (draft.Items.Count > SaleValidation.MaxItems)
        {
            errors.Add("items", $"At most {SaleValidation.MaxItems} items per sale.");
        }
        else
        {
            for (var i = 0; i < draft.Items.Count; i++)
            {
                if (ValidateItem(draft.Items[i], $"items[{i}]", saleRegions, products, errors, maxShards) is { } item)
                {
                    if (items.Any(existing => existing.Sku == item.Sku))
                    {
                        errors.Add($"items[{i}].sku", $"{item.Sku} is in the sale twice.");
                    }
                    items.Add(item);
                }
            }
        }

        return errors.IsEmpty
            ? new SaleDefinition(id, name!, draft.StartsAt!.Value.ToUniversalTime(), draft.EndsAt!.Value.ToUniversalTime(),
                [.. saleRegions.Select(r => r.Code)], holdMinutes, [.. items], room)
            : null;
    }

    private static SaleItem? ValidateItem(
        SaleItemDraft? draft, string path, IReadOnlyList<Region> saleRegions, IReadOnlyDictionary<string, Product> products, FieldErrors errors, int maxShards)
    {
        if (draft is null)
        {
            errors.Add(path, "Required.");
            return null;
        }
        var before = errors.ToDictionary().Count;
        Product? product = null;
        if (!ProductRules.IsValidSku(draft.Sku))
        {
            errors.Add($"{path}.sku", draft.Sku is null ? "Required." : "Not a SKU.");
        }
        else if (!products.TryGetValue(draft.Sku!, out product))
        {
            errors.Add($"{path}.sku", $"No product '{draft.Sku}': create it first (PUT /api/admin/products/{draft.Sku}).");
        }
        if (draft.Stock is null)
        {
            errors.Add($"{path}.stock", "Required.");
        }
        else if (draft.Stock is < 1 or > SaleValidation.MaxStockPerItem)
        {
            errors.Add($"{path}.stock", $"From 1 to {SaleValidation.MaxStockPerItem:N0}.");
        }
        var limit = draft.PerCustomerLimit ?? SaleRules.MaxPerCustomerLimit;
        if (limit is < 1 or > SaleRules.MaxPerCustomerLimit)
        {
            errors.Add($"{path}.perCustomerLimit", $"From 1 to {SaleRules.MaxPerCustomerLimit}.");
        }

        var prices = ImmutableDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (rawRegion, amount) in draft.SalePrices ?? new Dictionary<string, decimal>())
        {
            var code = RegionRules.NormalizeCode(rawRegion);
            var field = $"{path}.salePrices.{rawRegion}";
            if (saleRegions.FirstOrDefault(r => r.Code == code) is not { } region)
            {
                errors.Add(field, $"{rawRegion} is not one of the sale's regions.");
            }
            else if (amount <= 0)
            {
                errors.Add(field, "A sale price must be more than 0.");
            }
            else
            {
                errors.CheckAmount(field, amount, region.Currency, required: true);
                prices[code] = amount;
            }
        }
        foreach (var region in saleRegions.Where(r => !prices.ContainsKey(r.Code) && !errors.Has($"{path}.salePrices.{r.Code}")))
        {
            errors.Add($"{path}.salePrices.{region.Code}", $"A sale price in {region.Currency} is required for {region.Code}.");
        }
        if (product is not null)
        {
            foreach (var region in saleRegions.Where(r => !product.ListPrices.ContainsKey(r.Code)))
            {
                errors.Add($"{path}.sku", $"{product.Sku} has no list price in {region.Code}: set one on the product first.");
            }
        }
        return errors.ToDictionary().Count == before && draft.Stock is { } stock
            ? new SaleItem(draft.Sku!, stock, limit, prices.ToImmutable(), SaleRules.ShardCountFor(stock, maxShards))
            : null;
    }
}
