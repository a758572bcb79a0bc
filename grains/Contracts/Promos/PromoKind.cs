namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-kind")]
public enum PromoKind
{
    Percent,
    Amount,
    FreeShipping,
}
