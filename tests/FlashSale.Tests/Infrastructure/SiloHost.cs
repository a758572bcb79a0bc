using FlashSale.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Tests.Infrastructure;

/// <summary>A bare silo (no web front) in this process, configured exactly as the silo host configures it.</summary>
public static class SiloHost
{
    public static Task<IHost> StartAsync(Store store, params string[] extra) => StartAsync(store, null, extra);

    /// <param name="overrides">Last word on the silo's services (a fake clock).</param>
    public static async Task<IHost> StartAsync(Store store, Action<IServiceCollection>? overrides, params string[] extra)
    {
        string[] args =
        [
            .. store.Args(),
            $"--FlashSale:Cluster:SiloPort={FreePorts.Next()}",
            $"--FlashSale:Cluster:GatewayPort={FreePorts.Next()}",
            .. Platform.Quiet,
            .. extra,
        ];
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = builder.AddFlashSaleSettings();
        builder.AddFlashSaleSilo(settings);
        overrides?.Invoke(builder.Services);
        var host = builder.Build();
        FreePorts.Release(args);
        await host.StartAsync();
        return host;
    }

    /// <summary>An external Orleans client of an ADO.NET cluster, as the web front runs in cluster mode.</summary>
    public static async Task<IHost> StartClientAsync(Store store, params string[] extra)
    {
        var builder = Host.CreateApplicationBuilder([.. store.Args(), .. Platform.Quiet, .. extra]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = builder.AddFlashSaleSettings();
        builder.AddFlashSaleClusterClient(settings);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
