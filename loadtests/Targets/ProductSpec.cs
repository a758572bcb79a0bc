namespace FlashSale.LoadTests.Targets;

public sealed record ProductSpec(string Sku, string Name, IReadOnlyDictionary<string, decimal> ListPrices);
