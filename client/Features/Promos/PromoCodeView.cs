using FlashSale.Promos;

namespace FlashSale.Client.Features.Promos;

public sealed record PromoCodeView(
    string Code, string Kind, decimal? Percent, IReadOnlyDictionary<string, decimal> Amounts, int? MaxRedemptions, int? PerCustomerLimit,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<string> Regions, IReadOnlyDictionary<string, decimal> MinSubtotal,
    IReadOnlyList<string> SaleIds, IReadOnlyList<string> Skus, bool CombinesWithSalePrice, bool Disabled,
    int Redeemed, int Held,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? PerCustomer,
    DateTimeOffset? LastUsedAt)
{
    /// <param name="perCustomer">Whether <paramref name="promo"/> carries the per-customer table (one code's page), or only
    /// totals (the list: a code a stampede used has a row per shopper, which no list needs).</param>
    public static PromoCodeView From(PromoSnapshot promo, bool perCustomer = true)
    {
        var d = promo.Definition;
        return new PromoCodeView(
            d.Code, d.Kind switch { PromoKind.Percent => "percent", PromoKind.Amount => "amount", _ => "freeShipping" },
            d.Kind == PromoKind.Percent ? d.Percent : null, d.Amounts, d.MaxRedemptions, d.PerCustomerLimit, d.StartsAt, d.EndsAt,
            d.Regions, d.MinSubtotal, d.SaleIds, d.Skus, d.CombinesWithSalePrice, promo.Disabled,
            promo.Counts.Redeemed, promo.Counts.Held, perCustomer ? promo.Counts.PerCustomer : null, promo.Counts.LastUsedAt);
    }
}
