namespace FlashSale.Client.Features.Sales;

public sealed record SaleItemDraft(
    string? Sku,
    int? Stock,
    int? PerCustomerLimit,
    IReadOnlyDictionary<string, decimal>? SalePrices);
