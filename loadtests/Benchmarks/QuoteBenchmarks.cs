using BenchmarkDotNet.Attributes;
using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Regions;

namespace FlashSale.Benchmarks;

/// <summary>The quote formula alone: what every quote and every hold pays for pricing.</summary>
[MemoryDiagnoser]
public class QuoteBenchmarks
{
    private readonly Region _brazil = new("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m);
    private readonly Region _us = new("US", "United States", "USD", 0.08m, false, 5.99m, 50m);
    private readonly Money _price = new(99.90m, "BRL");
    private readonly Money _usPrice = new(39.99m, "USD");
    private readonly Discount _tenPercent = Discount.PercentOff(10m);

    [Benchmark(Baseline = true)]
    public Quote TaxIncludedNoCode() => QuoteCalculator.Compute(_brazil, _price, 1, null, null);

    [Benchmark]
    public Quote TaxExcludedWithPercentCode() => QuoteCalculator.Compute(_us, _usPrice, 2, _tenPercent, null);
}
