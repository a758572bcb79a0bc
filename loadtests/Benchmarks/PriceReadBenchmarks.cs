using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using FlashSale.Catalog;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace FlashSale.Benchmarks;

/// <summary>
/// A price read through the paths a page uses, on a real silo (SQLite in a temp folder): the silo's
/// catalog cache, a quote through the local pricing worker, and a direct call to the owning product
/// grain (the baseline that every read would pay without the cache).
/// </summary>
[MemoryDiagnoser]
public class PriceReadBenchmarks
{
    private IHost _silo = null!;
    private IGrainFactory _grains = null!;
    private CatalogCache _cache = null!;
    private string _folder = null!;
    private readonly QuoteRequest _quote = new(null, "BENCH-1", 1, "BR", null);

    [GlobalSetup]
    public async Task Start()
    {
        _folder = Directory.CreateTempSubdirectory("flashsale-bench-").FullName;
        var builder = Host.CreateApplicationBuilder([$"--FlashSale:DataDirectory={_folder}", "--FlashSale:Cluster:SiloPort=21111", "--FlashSale:Cluster:GatewayPort=21112"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddFlashSaleSilo(builder.AddFlashSaleSettings());
        _silo = builder.Build();
        await _silo.StartAsync();
        _grains = _silo.Services.GetRequiredService<IGrainFactory>();
        _cache = _silo.Services.GetRequiredService<CatalogCache>();
        await _grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).Put(new Region("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m));
        await _grains.GetGrain<IProductGrain>("BENCH-1").Put(new ProductDetails(
            "Bench", "", "bench", null, ImmutableDictionary<string, decimal>.Empty.Add("BR", 199.90m)));
    }

    [GlobalCleanup]
    public async Task Stop()
    {
        await _silo.StopAsync();
        _silo.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<Product?> ProductGrainCall() => _grains.GetGrain<IProductGrain>("BENCH-1").Get();

    [Benchmark]
    public ValueTask<Product?> SiloCacheRead() => _cache.Product("BENCH-1");

    [Benchmark]
    public Task<QuoteAnswer> QuoteThroughPricingWorker() => _grains.Pricing().Quote(_quote);
}
