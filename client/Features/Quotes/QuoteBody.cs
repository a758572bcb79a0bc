namespace FlashSale.Client.Features.Quotes;

/// <summary>Body of <c>POST /api/quote</c> (and of <c>POST /api/orders</c>): never a price, a total or a discount.</summary>
public sealed record QuoteBody(
    string? SaleId,
    string? Sku,
    int? Quantity,
    string? Region,
    string? PromoCode);
