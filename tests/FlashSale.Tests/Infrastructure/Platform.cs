using FlashSale.LoadTests.Targets;
using FlashSale.Client.Auth;
using FlashSale.Client.Hosting;
using FlashSale.Client.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Infrastructure;

/// <summary>The real web front (standalone: with its co-hosted silo) on a real loopback port.</summary>
public sealed class Platform : IAsyncDisposable
{
    public const string MarketerKey = "test-marketer-key-0123456789";

    private Platform(WebApplication app)
    {
        App = app;
        Http = new HttpClient { BaseAddress = app.Address(), Timeout = TimeSpan.FromSeconds(60) };
        Marketer = new HttpClient { BaseAddress = app.Address(), Timeout = TimeSpan.FromSeconds(60) };
        Marketer.DefaultRequestHeaders.Add("X-Api-Key", MarketerKey);
    }

    public WebApplication App { get; }

    /// <summary>An anonymous caller (a shopper before sign-in).</summary>
    public HttpClient Http { get; }

    /// <summary>A caller with the marketer key.</summary>
    public HttpClient Marketer { get; }

    /// <summary>Shopper tokens made with this platform's signing key, as a trusted identity provider would make them.</summary>
    public PlatformTokens Tokens => new(App.Services.GetRequiredService<ShopperTokens>().Key.Key);

    /// <summary>The platform's data folder (its generated keys, its outbox).</summary>
    public string DataDirectory => App.Services.GetRequiredService<FlashSale.Silo.Settings.FlashSaleSettings>().DataDirectory;

    /// <summary>Where this platform writes the mail it sends when no SMTP server is set.</summary>
    public string Outbox => App.Services.GetRequiredService<MailSettings>().Outbox;

    public static Task<Platform> StartAsync(Store store, params string[] extra) => StartAsync(store, _ => { }, extra);

    /// <summary>A platform whose services a test changes last (e.g. to put its own fault in front of storage).</summary>
    public static async Task<Platform> StartAsync(Store store, Action<IServiceCollection> overrides, params string[] extra)
    {
        string[] args = [.. HostArgs(store), .. extra];
        var app = FlashSaleWebApp.Create(args, overrides);
        FreePorts.Release(args);
        await app.StartAsync();
        return new Platform(app);
    }

    /// <summary>Settings of a standalone host on fresh ports, quiet logs and a known marketer key.</summary>
    public static List<string> HostArgs(Store store, string url = "http://127.0.0.1:0") =>
    [
        .. store.Args(),
        $"--urls={url}",
        $"--FlashSale:Cluster:SiloPort={FreePorts.Next()}",
        $"--FlashSale:Cluster:GatewayPort={FreePorts.Next()}",
        $"--FlashSale:Auth:MarketerKey={MarketerKey}",
        // Tests act for many shoppers from one address at test speed; the rate-limit test turns limits on.
        "--FlashSale:RateLimit:PerShopperPerSecond=0",
        "--FlashSale:RateLimit:PerAddressPerSecond=0",
        // Test items spread over up to eight shards, so transfers and deliveries to many shards run everywhere; the
        // platform's default (a shard per silo, at least 2) is checked by SalesAdminTests.
        "--FlashSale:Sales:ShardsPerItem=8",
        // Every platform of a test run shares this process's thread pool, so its wait measures the whole run, not one
        // front end: the adaptive edge limit would shed one test's burst for another's work. Its rule has unit tests
        // (AdaptiveLimitTests); the fixed limit stays on.
        "--FlashSale:Edge:Adaptive=false",
        .. Quiet,
    ];

    /// <summary>Logging for tests: warnings of our own, errors of the frameworks.</summary>
    public static readonly string[] Quiet =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Orleans=Error",
        "--Logging:LogLevel:Orleans.Runtime.Silo=Error",
        "--Logging:LogLevel:Microsoft=Error",
    ];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Marketer.Dispose();
        await BoundedStop.Run("The platform", async () =>
        {
            await App.StopAsync();
            await App.DisposeAsync();
        });
    }
}
