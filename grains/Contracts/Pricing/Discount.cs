using FlashSale.Domain;

namespace FlashSale.Pricing;

/// <summary>What an applicable promo code takes off: a percentage, a fixed amount, or the shipping.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.discount")]
public sealed record Discount(
    [property: Id(0)] DiscountKind Kind,
    [property: Id(1)] decimal Percent,
    [property: Id(2)] Money? Amount)
{
    public static Discount PercentOff(decimal percent) => new(DiscountKind.Percent, percent, null);

    public static Discount AmountOff(Money amount) => new(DiscountKind.Amount, 0m, amount);

    public static Discount FreeShipping { get; } = new(DiscountKind.FreeShipping, 0m, null);
}
