namespace FlashSale.Client.Features.Sales;

public sealed record AdminSaleItemView(
    string Sku, int Stock, int PerCustomerLimit, IReadOnlyDictionary<string, decimal> SalePrices, int Shards, string Status,
    int Sold, int Held, int Available, long Orders, RejectionsView Rejected);
