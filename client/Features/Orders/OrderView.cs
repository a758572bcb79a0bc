using FlashSale.Orders;

namespace FlashSale.Client.Features.Orders;

public sealed record OrderView(
    string OrderId, string Status, string SaleId, string Sku, int Quantity, string Region, string? PromoCode,
    QuoteView Quote, DateTimeOffset CreatedAt, DateTimeOffset HoldExpiresAt, DateTimeOffset? ResolvedAt, DateTimeOffset ServerTime)
{
    public static OrderView From(Order order, DateTimeOffset now) => new(
        order.OrderId, Wire(order.Status), order.Request.SaleId, order.Request.Sku, order.Request.Quantity, order.Request.Region,
        order.Request.PromoCode, QuoteView.From(order.Quote), order.CreatedAt, order.HoldExpiresAt, order.ResolvedAt, now);

    /// <summary>The answer to the order's creation: always the hold as it was made, so every retry gets the same response.</summary>
    public static OrderView Placed(Order order, DateTimeOffset now) =>
        From(order with { Status = OrderStatus.Reserved, ResolvedAt = null }, now);

    public static string Wire(OrderStatus status) => status switch
    {
        OrderStatus.Reserved => "reserved",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.Cancelled => "cancelled",
        _ => "expired",
    };
}
