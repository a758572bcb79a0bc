using FlashSale.Domain;
using FlashSale.Pricing;

namespace FlashSale.Client.Features.Quotes;

public sealed record QuoteView(
    Money UnitPrice,
    int Quantity,
    Money Subtotal,
    Money Discount,
    Money Shipping,
    Money Tax,
    Money Total,
    PromoView? Promo,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ShipsFrom = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DeliveryByView? DeliveryBy = null)
{
    public static QuoteView From(Quote quote) => new(
        quote.UnitPrice, quote.Quantity, quote.Subtotal, quote.Discount, quote.Shipping, quote.Tax, quote.Total,
        quote.Promo is { } promo ? new PromoView(promo.Code, promo.Applied, promo.Reason) : null);
}
