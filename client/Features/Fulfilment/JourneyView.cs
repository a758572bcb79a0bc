using FlashSale.Domain;
using FlashSale.Marketplace;

namespace FlashSale.Client.Features.Fulfilment;

/// <summary>A paid order's life after payment, as the shopper's "my orders" and the console show it.</summary>
public sealed record JourneyView(
    string OrderId, string SaleId, string Sku, int Quantity, string Region, Money Paid,
    string Stage, string? Tracking, string? ShipsFrom, DeliveryByView DeliveryBy, DateTimeOffset ProtectionEndsAt,
    bool CanDispute, DisputeView? Dispute, IReadOnlyList<RefundView> Refunds, Money Refunded, Money Refundable,
    bool Reviewed, bool CanReview, IReadOnlyList<TimelineEntryView> Timeline, DateTimeOffset ServerTime)
{
    public static JourneyView From(OrderJourney journey, DateTimeOffset now)
    {
        var order = journey.Order;
        var currency = order.Quote.Total.Currency;
        return new JourneyView(
            order.OrderId, order.Request.SaleId, order.Request.Sku, order.Request.Quantity, order.Request.Region, order.Quote.Total,
            Wire(journey.Stage), journey.Tracking, journey.ShipsFrom, DeliveryByView.From(journey.DeliveryBy), journey.ProtectionEndsAt,
            journey.Dispute is null && journey.Refundable.Amount > 0 && RefundRules.MayDispute(journey.ProtectionEndsAt, now),
            journey.Dispute is { } d ? new DisputeView(Wire(d.Reason), d.Message, d.OpenedAt, Wire(d.Status), d.Resolution, d.ResolvedAt) : null,
            [.. journey.Refunds.Select(r => new RefundView(r.RefundId, Money.Of(r.Amount, currency), r.Reason, r.At, r.Restocks))],
            journey.Refunded, journey.Refundable,
            journey.Reviewed, journey.Stage == FulfilmentStage.Delivered && !journey.Reviewed,
            [.. journey.Timeline.Select(e => new TimelineEntryView(e.Kind, e.At, e.Detail))], now);
    }

    public static string Wire(FulfilmentStage stage) => stage switch
    {
        FulfilmentStage.Paid => "paid",
        FulfilmentStage.Shipped => "shipped",
        FulfilmentStage.Delivered => "delivered",
        _ => "cancelled",
    };

    public static string Wire(DisputeReason reason) => reason == DisputeReason.NotReceived ? "not-received" : "not-as-described";

    public static string Wire(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => "open",
        DisputeStatus.Refunded => "refunded",
        _ => "rejected",
    };
}
