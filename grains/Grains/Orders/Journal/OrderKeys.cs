namespace FlashSale.Orders;

/// <summary>How the orders table names an order's Idempotency-Key: the part of the order id hashed from customer and key.</summary>
public static class OrderKeys
{
    public static string HashOf(string orderId) => orderId[(orderId.LastIndexOf('~') + 1)..];
}
