using FlashSale.Domain;
using FlashSale.Regions;

namespace FlashSale.Pricing;

/// <summary>The quote formula of the HTTP contract; every amount rounded half away from zero to the currency's digits.</summary>
public static class QuoteCalculator
{
    /// <param name="discount">The code's effect when it applies; null without a code or when it does not apply.</param>
    public static Quote Compute(Region region, Money unitPrice, int quantity, Discount? discount, PromoOutcome? promo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        var currency = region.Currency;
        var unit = Money.Of(unitPrice.Amount, currency);
        var subtotal = Money.Of(unit.Amount * quantity, currency);

        var off = discount?.Kind switch
        {
            DiscountKind.Percent => Money.Of(subtotal.Amount * discount.Percent / 100m, currency),
            DiscountKind.Amount when discount.Amount is { } amount => Money.Min(Money.Of(amount.Amount, currency), subtotal),
            _ => Money.Zero(currency),
        };
        off = Money.Min(off, subtotal);

        var freeShipping = discount?.Kind == DiscountKind.FreeShipping
            || (region.FreeShippingThreshold is { } threshold && (subtotal - off).Amount >= threshold);
        var shipping = freeShipping ? Money.Zero(currency) : Money.Of(region.ShippingFee, currency);

        var taxBase = subtotal - off + shipping;
        Money tax, total;
        if (region.PricesIncludeTax)
        {
            tax = Money.Of(taxBase.Amount * region.TaxRate / (1m + region.TaxRate), currency);
            total = taxBase;
        }
        else
        {
            tax = Money.Of(taxBase.Amount * region.TaxRate, currency);
            total = taxBase + tax;
        }
        return new Quote(unit, quantity, subtotal, off, shipping, tax, total, promo);
    }
}
