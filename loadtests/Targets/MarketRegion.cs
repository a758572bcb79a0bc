namespace FlashSale.LoadTests.Targets;

/// <summary>A market the rehearsal sells into (created on the target when it does not have it yet).</summary>
public sealed record MarketRegion(string Code, string Name, string Currency, decimal TaxRate, bool PricesIncludeTax, decimal ShippingFee, decimal FreeShippingThreshold, decimal PriceFactor)
{
    /// <summary>Brazil, Russia, India, Germany and the US: the store's markets, with a rough price level per currency.</summary>
    public static IReadOnlyList<MarketRegion> All { get; } =
    [
        new("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m, 5m),
        new("RU", "Россия", "RUB", 0.20m, true, 390m, 5000m, 90m),
        new("IN", "India", "INR", 0.18m, true, 99m, 999m, 80m),
        new("DE", "Deutschland", "EUR", 0.19m, true, 4.90m, 50m, 1m),
        new("US", "United States", "USD", 0.07m, false, 5.99m, 35m, 1m),
    ];

    /// <summary>A price in this market's currency for a base price in euros, rounded to whole units minus one cent.</summary>
    public decimal Price(decimal euros) => Math.Max(1m, Math.Round(euros * PriceFactor, 0, MidpointRounding.AwayFromZero)) - (Currency is "RUB" or "INR" ? 0m : 0.01m);
}
