using FlashSale.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace FlashSale.Tests.Hosting;

/// <summary>Cluster mode: silos and a front end meeting through our membership SQL on PostgreSQL.</summary>
public sealed class ClusterTests
{
    private static readonly string[] ClusterMode = ["--FlashSale:Cluster:Mode=AdoNet"];

    [Fact]
    public async Task Two_silos_and_an_external_client_form_one_cluster_on_PostgreSQL_membership()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        using var first = await SiloHost.StartAsync(store, ClusterMode);
        using var second = await SiloHost.StartAsync(store, ClusterMode);
        using var client = await SiloHost.StartClientAsync(store, ClusterMode);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);

        var region = new Region("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m);
        await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).Put(region);
        var table = await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();
        Assert.Equal([region], table.Regions);

        await second.StopAsync();
        await first.StopAsync();
        await client.StopAsync();
    }

    [Fact]
    public async Task The_client_keeps_serving_when_one_of_two_silos_shuts_down()
    {
        await using var store = await Store.CreateAsync(Backend.PostgreSql);
        using var first = await SiloHost.StartAsync(store, ClusterMode);
        using var second = await SiloHost.StartAsync(store, ClusterMode);
        using var client = await SiloHost.StartClientAsync(store, ClusterMode);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var region = new Region("IN", "India", "INR", 0.18m, true, 99m, null);
        await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).Put(region);

        await first.StopAsync();
        var table = await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();

        Assert.Equal([region], table.Regions);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Single(hosts);
        await second.StopAsync();
        await client.StopAsync();
    }

    [Fact]
    public async Task The_stock_shards_of_a_hot_item_are_spread_over_the_silos()
    {
        await using var cluster = await ShopCluster.StartAsync(silos: 2);
        await cluster.CreateSaleAsync("spread-sale", "HOT-1", stock: 1_000, shards: 8);

        var shards = (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(g => g.GrainId.ToString().Contains("spread-sale/HOT-1/", StringComparison.Ordinal))
            .GroupBy(g => g.SiloAddress).Select(g => g.Count()).Order().ToList();

        Assert.Equal([4, 4], shards);
    }
}
