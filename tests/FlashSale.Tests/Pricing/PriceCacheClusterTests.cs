using FlashSale.Catalog;
using FlashSale.Products;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;

namespace FlashSale.Tests.Pricing;

/// <summary>Prices are read from each silo's memory, and a change reaches every silo within the cache's freshness.</summary>
[Collection(AloneCollection.Name)]
public sealed class PriceCacheClusterTests
{
    [Fact]
    public async Task A_price_changed_through_one_silo_is_read_by_the_other_silo_within_a_second()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        string[] cluster = ["--FlashSale:Cluster:Mode=AdoNet"];
        using var first = await SiloHost.StartAsync(store, cluster);
        using var second = await SiloHost.StartAsync(store, cluster);
        var firstGrains = first.Services.GetRequiredService<IGrainFactory>();
        var secondCache = second.Services.GetRequiredService<CatalogCache>();
        await firstGrains.GetGrain<IProductGrain>("HOT-1").Put(Details(100m));
        Assert.Equal(100m, (await secondCache.Product("HOT-1"))!.ListPrices["US"]);

        await firstGrains.GetGrain<IProductGrain>("HOT-1").Put(Details(80m));
        var changedAt = DateTime.UtcNow;
        await Eventually.TrueAsync(async () => (await secondCache.Product("HOT-1"))!.ListPrices["US"] == 80m, "the second silo reads 80");
        var seenAfter = DateTime.UtcNow - changedAt;

        // The freshness bound is 0.5 s; a slow CI machine gets slack, a cache that never refreshes does not.
        Assert.True(seenAfter < TimeSpan.FromSeconds(2), $"the change took {seenAfter.TotalMilliseconds:F0} ms to reach the other silo");
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task Reads_of_a_cached_price_do_not_call_the_product_grain_each_time()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        using var silo = await SiloHost.StartAsync(store);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var cache = silo.Services.GetRequiredService<CatalogCache>();
        await grains.GetGrain<IProductGrain>("READ-1").Put(Details(10m));

        var reads = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => cache.Product("READ-1").AsTask()));

        // One fetch shared by all readers: every read returns the very same snapshot object.
        Assert.Single(reads.Distinct());
        await silo.StopAsync();
    }

    private static ProductDetails Details(decimal usd) => new(
        "Hot item", "", "shoes", null, ImmutableDictionary<string, decimal>.Empty.Add("US", usd));
}
