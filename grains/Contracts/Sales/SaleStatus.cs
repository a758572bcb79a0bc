namespace FlashSale.Sales;

[GenerateSerializer, Alias("flashsale.sale-status")]
public enum SaleStatus
{
    Upcoming,
    Live,
    SoldOut,
    Ended,
    Paused,
}
