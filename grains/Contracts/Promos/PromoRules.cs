using FlashSale.Domain;
using FlashSale.Pricing;

namespace FlashSale.Promos;

/// <summary>Whether a code applies to a purchase, and what it takes off: pure, with an explicit reason when it does not.</summary>
public static class PromoRules
{
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>
    /// How many allowance grains share a code's redemptions: one for small caps (single-use codes stay one
    /// grain), more for a code a whole sale may stampede on, like the shards of a hot item's stock, and at most
    /// <paramref name="maxShards"/> (<see cref="Sales.SaleRules.ShardsPerItemFor"/>: one per silo on a cluster).
    /// </summary>
    public static int AllowanceShardsFor(int? maxRedemptions, int maxShards = Sales.SaleRules.MaxShards)
    {
        var most = Math.Clamp(maxShards, 1, Sales.SaleRules.MaxShards);
        return maxRedemptions switch
        {
            null => most,
            <= 100 => 1,
            { } cap => Math.Clamp(cap / 50, Math.Min(2, most), most),
        };
    }

    /// <summary>The allowance grain that serves a customer for a code (the per-customer cap is decided there).</summary>
    public static string AllowanceKey(string code, int shard) => $"{code}/{shard}";

    /// <summary>Each allowance shard's share of the cap; an uncapped code gives every shard all it could want.</summary>
    public static int AllowanceOfShard(int? maxRedemptions, int shards, int index) =>
        maxRedemptions is { } cap ? Sales.SaleRules.UnitsOfShard(cap, shards, index) : int.MaxValue / 2;

    /// <returns>The discount, or null and the contract's reason (<c>unknown</c>, <c>disabled</c>, <c>not-started</c>,
    /// <c>expired</c>, <c>region</c>, <c>min-subtotal</c>, <c>not-applicable</c>, <c>exhausted</c>).</returns>
    public static (Discount? Discount, string? Reason) Evaluate(
        PromoSnapshot? promo, string region, Money subtotal, string? saleId, string sku, DateTimeOffset now)
    {
        if (promo is null)
        {
            return (null, "unknown");
        }
        var rules = promo.Definition;
        if (promo.Disabled)
        {
            return (null, "disabled");
        }
        if (rules.StartsAt is { } starts && now < starts)
        {
            return (null, "not-started");
        }
        if (rules.EndsAt is { } ends && now >= ends)
        {
            return (null, "expired");
        }
        if (!rules.Regions.IsDefaultOrEmpty && !rules.Regions.Contains(region))
        {
            return (null, "region");
        }
        if ((!rules.SaleIds.IsDefaultOrEmpty && (saleId is null || !rules.SaleIds.Contains(saleId)))
            || (!rules.Skus.IsDefaultOrEmpty && !rules.Skus.Contains(sku))
            || (!rules.CombinesWithSalePrice && saleId is not null))
        {
            return (null, "not-applicable");
        }
        if (rules.MinSubtotal.TryGetValue(region, out var minimum) && subtotal.Amount < minimum)
        {
            return (null, "min-subtotal");
        }
        if (rules.MaxRedemptions is { } cap && promo.Counts.Redeemed + promo.Counts.Held >= cap)
        {
            return (null, "exhausted");
        }
        return rules.Kind switch
        {
            PromoKind.Percent => (Discount.PercentOff(rules.Percent), null),
            PromoKind.Amount when rules.Amounts.TryGetValue(region, out var amount) => (Discount.AmountOff(new Money(amount, subtotal.Currency)), null),
            PromoKind.Amount => (null, "region"),
            _ => (Discount.FreeShipping, null),
        };
    }
}
