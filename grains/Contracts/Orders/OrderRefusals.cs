namespace FlashSale.Orders;

/// <summary>
/// The one table from an order outcome to the refusal the shop answers with. The web API turns it into ProblemDetails
/// and the load-test tool's in-process target into the same status and slug, so both speak alike.
/// </summary>
public static class OrderRefusals
{
    /// <summary>
    /// The refusal for <paramref name="result"/>, or null when the step succeeded. <paramref name="sku"/>,
    /// <paramref name="region"/>, <paramref name="promoCode"/> and <paramref name="orderId"/> name what was asked, for the
    /// detail texts.
    /// </summary>
    public static OrderRefusal? For(OrderStep step, OrderOutcome outcome, string? reason = null,
        string? saleId = null, string? sku = null, string? region = null, string? promoCode = null, string? orderId = null) =>
        (step, outcome) switch
        {
            (OrderStep.Place, OrderOutcome.Held) or (OrderStep.Pay, OrderOutcome.Confirmed) or (OrderStep.Cancel, OrderOutcome.Cancelled) => null,
            (OrderStep.Place, OrderOutcome.SoldOut) => new(409, "sold-out", "Sold out.",
                "Every unit of this item is sold or held. Held units come back when holds expire or are cancelled."),
            (OrderStep.Place, OrderOutcome.NotLive) => new(409, "sale-not-live", "The sale is not live.",
                "The sale is upcoming, paused or over: orders open only while it is live."),
            (OrderStep.Place, OrderOutcome.LimitExceeded) => new(409, "limit-exceeded", "Limit reached.",
                reason ?? "You already hold or bought as many as one customer may."),
            (OrderStep.Place, OrderOutcome.PromoRejected) => new(422, "promo-rejected", "The promo code does not apply.",
                $"Code '{promoCode}' was refused: {reason ?? "unknown"}."),
            (OrderStep.Place, OrderOutcome.NotSoldInRegion) => new(400, "validation", "Some fields are not valid.",
                $"This sale does not sell '{sku}' in {region}.", "region"),
            (OrderStep.Place, OrderOutcome.InvalidQuantity) => new(400, "validation", "Some fields are not valid.",
                reason ?? "Too many units.", "quantity"),
            (OrderStep.Place, OrderOutcome.KeyReused) => new(422, "idempotency-key-reused", "This Idempotency-Key was used for another order.",
                "The same key must come with the same body; use a new key for a new order."),
            (OrderStep.Place, _) => new(404, "not-found", "No such sale item.", $"No sale '{saleId}' offers '{sku}'."),
            (OrderStep.Pay, OrderOutcome.HoldExpired) => new(409, "hold-expired", "The hold expired.",
                "The units went back on sale when the hold expired; place a new order."),
            (OrderStep.Pay, OrderOutcome.AlreadyCancelled) => new(409, "order-cancelled", "The order was cancelled.",
                "A cancelled order cannot be paid."),
            (OrderStep.Cancel, OrderOutcome.HoldExpired) => new(409, "hold-expired", "The hold expired.",
                "The hold had already expired; its units are back on sale."),
            (OrderStep.Cancel, OrderOutcome.Confirmed) => new(409, "order-confirmed", "The order is paid.",
                "A paid order cannot be cancelled here."),
            _ => new(404, "not-found", "No such order.", $"No order '{orderId}' of yours."),
        };
}
