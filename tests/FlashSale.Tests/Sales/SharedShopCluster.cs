namespace FlashSale.Tests.Sales;

/// <summary>One two-silo cluster shared by a test class (each test uses sale ids of its own).</summary>
public sealed class SharedShopCluster : IAsyncLifetime
{
    public ShopCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cluster = await ShopCluster.StartAsync();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
