using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// A test class with a standalone platform of its own (fresh store per test), seeded with the test shop's
/// regions and (unless told otherwise) the product SNEAKER-1.
/// </summary>
public abstract class PlatformTest(Backend backend = Backend.Sqlite, bool seedProduct = true) : IAsyncLifetime
{
    private Store _store = null!;

    protected Platform Platform { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await Store.CreateAsync(backend);
        Platform = await Platform.StartAsync(_store, ConfigureServices);
        await TestShop.AddRegionsAsync(Platform.Marketer);
        if (seedProduct)
        {
            await TestShop.AddProductAsync(Platform.Marketer, "SNEAKER-1");
        }
    }

    /// <summary>The last word on the platform's services (a test class composes its faults here).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        await _store.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
