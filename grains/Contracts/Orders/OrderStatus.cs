namespace FlashSale.Orders;

[GenerateSerializer, Alias("flashsale.order-status")]
public enum OrderStatus
{
    Reserved,
    Confirmed,
    Cancelled,
    Expired,
}
