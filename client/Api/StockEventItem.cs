namespace FlashSale.Client.Api;

public sealed record StockEventItem(string Sku, int Available, int Stock, string Status);
