using FlashSale.Client.Auth;
using FlashSale.Silo;
using FlashSale.Silo.Health;
using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Authentication;
using Orleans.Dashboard;
using Scalar.AspNetCore;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FlashSale.Client.Hosting;

/// <summary>The whole web front, composed once for <c>dotnet run</c> and for tests on a real port.</summary>
public static class FlashSaleWebApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Builds the app; throws <see cref="SettingsException"/> naming a wrong or missing setting.</summary>
    /// <param name="overrides">Last word on services (tests drive time with their own <see cref="TimeProvider"/>).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot(), ContentRootPath = ContentRoot() });
        var settings = builder.AddFlashSaleServiceDefaults();
        if (settings.Mode == ClusterMode.Standalone)
        {
            builder.AddFlashSaleSilo(settings);
        }
        else
        {
            builder.AddFlashSaleClusterClient(settings);
        }
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? DefaultUrl);
        builder.AddMarketerAuth(settings);
        DemoStore.Add(builder, settings);
        EdgeRateLimits.Add(builder);
        EdgeShedding.Add(builder);
        builder.AddRequestBodyLimit();
        builder.Services.AddFlashSaleApi();
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton(new ShopClock(TimeProvider.System));
        builder.Services.AddSingleton<OrderRates>();
        builder.Services.AddSingleton(ShardSizing.From(builder.Configuration));
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        // The storefront (/) and the marketer console (/admin): static pages of our own, nothing from elsewhere.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/admin", () => TypedResults.PhysicalFile(Path.Combine(app.Environment.WebRootPath, "admin.html"), "text/html")).ExcludeFromDescription();
        app.UseFlashSaleApi();
        // Anyone may ask whether the platform is ready; the details (database, durability settings) are for marketers.
        app.MapFlashSaleDefaultEndpoints(async context =>
            (await context.AuthenticateAsync(MarketerKeyHandler.SchemeName)).Principal?.IsInRole(MarketerKeyHandler.Role) == true)
            .RequireAuthorization(AuthHosting.MarketerPolicy);
        // The contract as OpenAPI, and an interactive reference page whose script is served from here (no CDN).
        app.MapOpenApi();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthHosting.DashboardPolicy);
        app.MapConsoleSessionApi();
        app.MapScalarApiReference();
        app.MapRegionsApi();
        app.MapProductsApi();
        app.MapQuoteApi();
        app.MapSessionApi();
        app.MapSalesApi();
        app.MapOrdersApi();
        app.MapMarketplaceApi();
        app.MapFulfilmentAdminApi();
        app.MapPromoCodesApi();
        app.MapSaleEventsApi();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            AnnounceStart(app, settings);
            app.Services.GetService<DemoStore>()?.SeedWhenEmpty(app.Address());
        });
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Create(args);
        }
        catch (SettingsException e)
        {
            await Console.Error.WriteLineAsync($"FlashSale cannot start: {e.Message}");
            return 2;
        }
        try
        {
            await app.RunAsync();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Another FlashSale (or another server) has the port: one line, not a stack trace.
            await Console.Error.WriteLineAsync($"FlashSale cannot start: {e.Message} Stop the other program or choose another address, e.g. --urls=http://127.0.0.1:8081.");
            return 2;
        }
        return 0;
    }

    /// <summary>
    /// The pages: <c>wwwroot</c> beside the working folder when run from the project (edits show at once),
    /// else the copy beside the program (published, or hosted by tests).
    /// </summary>
    private static string WebRoot()
    {
        var local = Path.Combine(Directory.GetCurrentDirectory(), "wwwroot");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }

    /// <summary>
    /// The working folder when it holds the front end's <c>appsettings.json</c> (run from the project), else the folder
    /// of the program, where the build copies it: so <c>dotnet run --project client</c> from the repository's root reads
    /// the same settings (log levels among them) as a run from <c>client/</c>.
    /// </summary>
    private static string ContentRoot() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? Directory.GetCurrentDirectory() : AppContext.BaseDirectory;

    /// <summary>The first address the server listens on (the real port when started on port 0).</summary>
    public static Uri Address(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static void AnnounceStart(WebApplication app, FlashSaleSettings settings)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FlashSale");
        var url = app.Address().ToString().TrimEnd('/');
        logger.LogInformation(
            "FlashSale is running ({Mode}).\n  Storefront:        {Url}/\n  Marketer console:  {Url}/admin\n  API reference:     {Url}/scalar (OpenAPI at {Url}/openapi/v1.json)\n  Data:              {Database}, folder {DataDirectory}",
            settings.Mode, url, url, url, url, settings.DescribeDatabase(), Path.GetFullPath(settings.DataDirectory));
        if (app.Services.GetRequiredService<SignInSettings>().Mode == ShopperSignIn.Open)
        {
            logger.LogWarning(
                "Shopper sign-in is Open (FlashSale:Auth:ShopperSignIn=Open): anyone gets a token for any email, unverified, so per-customer limits bind nobody. For rehearsals and local play only.");
        }
        else if (app.Services.GetRequiredService<Mail.MailSettings>() is { UsesSmtp: false } mail)
        {
            // The normal first run: nothing to worry about, but the shopper needs to know where the codes go.
            logger.LogInformation("  Sign-in codes:      no SMTP server set (FlashSale:Mail:Smtp:Host), so they are written to {Outbox} as .eml files and to this log", Path.GetFullPath(mail.Outbox));
        }
    }
}
