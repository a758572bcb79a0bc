using FlashSale.Promos;

namespace FlashSale.Client.Features.Promos;

public sealed record PromoCodeView(
    string Code, string Kind, decimal? Percent, IReadOnlyDictionary<string, decimal> Amounts, int? MaxRedemptions, int? PerCustomerLimit,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<string> Regions, IReadOnlyDictionary<string, decimal> MinSubtotal,
    IReadOnlyList<string> SaleIds, IReadOnlyList<string> Skus, bool CombinesWithSalePrice, bool Disabled,
    int Redeemed, int Held, IReadOnlyDictionary<string, int> PerCustomer, DateTimeOffset? LastUsedAt)
{
    public static PromoCodeView From(PromoSnapshot promo)
    {
        var d = promo.Definition;
        return new PromoCodeView(
            d.Code, d.Kind switch { PromoKind.Percent => "percent", PromoKind.Amount => "amount", _ => "freeShipping" },
            d.Kind == PromoKind.Percent ? d.Percent : null, d.Amounts, d.MaxRedemptions, d.PerCustomerLimit, d.StartsAt, d.EndsAt,
            d.Regions, d.MinSubtotal, d.SaleIds, d.Skus, d.CombinesWithSalePrice, promo.Disabled,
            promo.Counts.Redeemed, promo.Counts.Held, promo.Counts.PerCustomer, promo.Counts.LastUsedAt);
    }
}
