namespace FlashSale.Pricing;

/// <summary>A shopper's question "what would this cost me?": a sale item (or a product outside a sale) in a region.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.quote-request")]
public sealed record QuoteRequest(
    [property: Id(0)] string? SaleId,
    [property: Id(1)] string Sku,
    [property: Id(2)] int Quantity,
    [property: Id(3)] string Region,
    [property: Id(4)] string? PromoCode);
