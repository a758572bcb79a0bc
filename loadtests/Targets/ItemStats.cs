namespace FlashSale.LoadTests.Targets;

/// <summary>An item's live numbers as the platform reports them.</summary>
public sealed record ItemStats(string SaleId, string Sku, int Stock, int Sold, int Held, int Available);
