namespace FlashSale.Promos;

[GenerateSerializer, Alias("flashsale.promo-reservation")]
public enum PromoReservation
{
    Reserved,
    Exhausted,
    CustomerLimit,
    Unknown,
}
