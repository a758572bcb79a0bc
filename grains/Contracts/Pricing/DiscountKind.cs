namespace FlashSale.Pricing;

[GenerateSerializer, Alias("flashsale.discount-kind")]
public enum DiscountKind
{
    Percent,
    Amount,
    FreeShipping,
}
