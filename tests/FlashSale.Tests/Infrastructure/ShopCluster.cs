using FlashSale.Orders;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orleans;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// A real cluster in this process: silos on PostgreSQL membership and storage (each in a host of its
/// own) and an external client, with a shop seeded with regions BR and US and a few products.
/// </summary>
public sealed class ShopCluster : IAsyncDisposable
{
    private static readonly string[] ClusterMode = ["--FlashSale:Cluster:Mode=AdoNet"];
    private readonly List<IHost> _silos = [];
    private IHost _client = null!;
    private OrderRouter? _orders;

    private ShopCluster(Store store, FakeTimeProvider? clock)
    {
        Store = store;
        Clock = clock;
    }

    public Store Store { get; }

    /// <summary>The silos' clock when the test drives time; null for real time.</summary>
    public FakeTimeProvider? Clock { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public IReadOnlyList<IHost> Silos => _silos;

    public DateTimeOffset Now => Clock?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    public static async Task<ShopCluster> StartAsync(FakeTimeProvider? clock = null, int silos = 2)
    {
        var cluster = new ShopCluster(await Store.CreateAsync(Backend.PostgreSql), clock);
        await cluster.StartHostsAsync(silos);
        await cluster.SeedAsync();
        return cluster;
    }

    /// <summary>Stops every silo and the client, then starts new ones on the same database.</summary>
    public async Task RestartAsync()
    {
        var count = _silos.Count;
        await StopHostsAsync();
        await StartHostsAsync(count);
    }

    public async Task<SaleDefinition> CreateSaleAsync(
        string saleId, string sku, int stock, int perCustomerLimit = 1, int? shards = null, int holdMinutes = 10)
    {
        var sale = new SaleDefinition(
            saleId, $"Sale {saleId}", Now.AddMinutes(-1), Now.AddHours(1), ["BR", "US"], holdMinutes,
            [new SaleItem(sku, stock, perCustomerLimit, ImmutableDictionary<string, decimal>.Empty.Add("BR", 99.90m).Add("US", 19.99m),
                shards ?? SaleRules.ShardCountFor(stock))]);
        Assert.Equal(CreateSaleOutcome.Created, await Client.GetGrain<ISaleGrain>(saleId).Create(sale));
        return sale;
    }

    /// <summary>The way the web front reaches the stock shards (a new one per client, as each front end has its own).</summary>
    public OrderRouter Orders => _orders ??= new OrderRouter(Client);

    public Task<OrderResult> Buy(
        string customerId, string key, string saleId, string sku, int quantity = 1, IGrainFactory? via = null, string? promo = null) =>
        (via is null ? Orders : new OrderRouter(via)).Place(customerId, key, new OrderRequest(saleId, sku, quantity, "BR", promo));

    /// <summary>A 10 % code for the whole store, with the given caps.</summary>
    public async Task<string> CreatePromoAsync(string code, int? maxRedemptions, int? perCustomerLimit = null)
    {
        Assert.True(await Client.GetGrain<IPromoCodeGrain>(code).Create(new PromoDefinition(
            code, PromoKind.Percent, 10m, ImmutableDictionary<string, decimal>.Empty, maxRedemptions, perCustomerLimit, null, null,
            [], ImmutableDictionary<string, decimal>.Empty, [], [], true, PromoRules.AllowanceShardsFor(maxRedemptions))));
        return code;
    }

    public async Task<PromoCounts> PromoCountsAsync(string code) => (await Client.GetGrain<IPromoCodeGrain>(code).GetSnapshot())!.Counts;

    public async Task<ItemCounts> CountsAsync(string saleId, string sku) =>
        (await Client.GetGrain<ISaleGrain>(saleId).GetSnapshot())!.Counts(sku)!;

    public async ValueTask DisposeAsync()
    {
        await StopHostsAsync();
        await Store.DisposeAsync();
    }

    private async Task StartHostsAsync(int silos)
    {
        for (var i = 0; i < silos; i++)
        {
            _silos.Add(await SiloHost.StartAsync(Store, services =>
            {
                if (Clock is not null)
                {
                    services.AddSingleton(new ShopClock(Clock));
                }
            }, ClusterMode));
        }
        _client = await SiloHost.StartClientAsync(Store, ClusterMode);
        _orders = null;
    }

    private async Task StopHostsAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        foreach (var silo in _silos)
        {
            await BoundedStop.Run("A silo", async () =>
            {
                await silo.StopAsync();
                silo.Dispose();
            });
        }
        _silos.Clear();
    }

    private async Task SeedAsync()
    {
        var regions = Client.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key);
        await regions.Put(new Region("BR", "Brasil", "BRL", 0.17m, true, 19.90m, 199m));
        await regions.Put(new Region("US", "United States", "USD", 0.08m, false, 5.99m, 50m));
        foreach (var sku in new[] { "HOT-1", "HOT-2", "HOT-3", "HOT-4", "HOT-5", "HOT-6" })
        {
            await Client.GetGrain<IProductGrain>(sku).Put(new ProductDetails(
                $"Product {sku}", "", "test", null, ImmutableDictionary<string, decimal>.Empty.Add("BR", 199.90m).Add("US", 39.99m)));
        }
    }
}
