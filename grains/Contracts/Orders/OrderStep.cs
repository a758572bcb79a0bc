namespace FlashSale.Orders;

/// <summary>What a shopper asked of an order: the same outcome reads differently after a pay than after a cancel.</summary>
public enum OrderStep
{
    Place,
    Pay,
    Cancel,
}
