namespace FlashSale.LoadTests.Targets;

/// <summary>An item's live numbers as the platform reports them.</summary>
/// <param name="Allocated">Units with the item's shards, and <paramref name="InTransfer"/> those between two: together the stock (null from a platform that does not say).</param>
public sealed record ItemStats(string SaleId, string Sku, int Stock, int Sold, int Held, int Available, int? Allocated = null, int? InTransfer = null);
