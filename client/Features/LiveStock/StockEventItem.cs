namespace FlashSale.Client.Features.LiveStock;

public sealed record StockEventItem(string Sku, int Available, int Stock, string Status);
