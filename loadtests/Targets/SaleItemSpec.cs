namespace FlashSale.LoadTests.Targets;

public sealed record SaleItemSpec(string Sku, int Stock, int PerCustomerLimit, IReadOnlyDictionary<string, decimal> SalePrices);
