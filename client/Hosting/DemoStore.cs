using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashSale.Client.Auth;
using FlashSale.Silo.Settings;

namespace FlashSale.Client.Hosting;

/// <summary>
/// A small, believable store for the embedded default's first start (<c>Demo/demo-store.json</c>: five regions, a dozen
/// products with their pictures, a sale live now, one starting soon and a promo code), so a newcomer has something
/// to look at and buy. It goes in through the platform's own marketer API, like a marketer's console, only into a
/// store with no regions, products or sales; a start cut short mid-way finishes it next time (every call is safe to
/// repeat), and a store with data of its own is never touched. Off with <c>FlashSale:Demo=false</c>.
/// </summary>
public sealed class DemoStore(FlashSaleSettings settings, MarketerKey key, IHostApplicationLifetime lifetime, ILogger<DemoStore> logger)
{
    public const string Setting = "FlashSale:Demo";

    private const string PendingFile = "demo.pending";

    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when this start has set up the demo, found the store not empty, or given up until the next start.</summary>
    public Task Settled => _settled.Task;

    public static void Add(WebApplicationBuilder builder, FlashSaleSettings settings)
    {
        if (SwitchSetting.Read(builder.Configuration, Setting, fallback: true) && settings.Mode == ClusterMode.Standalone)
        {
            builder.Services.AddSingleton<DemoStore>();
        }
    }

    /// <summary>Seeds the store once the front end listens at <paramref name="address"/> (in the background).</summary>
    public void SeedWhenEmpty(Uri address) => _ = Task.Run(async () =>
    {
        try
        {
            await SeedAsync(address, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            logger.LogWarning("The demo store was not finished ({Reason}); it is finished at the next start.", e.Message);
        }
        finally
        {
            _settled.TrySetResult();
        }
    });

    private async Task SeedAsync(Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key.Value);
        var pending = Path.Combine(settings.DataDirectory, PendingFile);
        if (!File.Exists(pending) && !await IsEmptyAsync(http, cancellationToken))
        {
            return;
        }
        await File.WriteAllTextAsync(pending, "The demo store is being set up; it is finished at the next start if this start is cut short.\n", cancellationToken);
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Demo", "demo-store.json"), cancellationToken))!;
        foreach (var (code, region) in demo["regions"]!.AsObject())
        {
            await SendAsync(http, HttpMethod.Put, $"/api/admin/regions/{code}", region!, null, cancellationToken);
        }
        foreach (var product in demo["products"]!.AsArray())
        {
            await SendAsync(http, HttpMethod.Put, $"/api/admin/products/{product!["sku"]}", Without(product, "sku"), null, cancellationToken);
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var sale in demo["sales"]!.AsArray())
        {
            var startsAt = now.AddMinutes(sale!["startsInMinutes"]!.GetValue<double>());
            var body = Without(sale, "startsInMinutes", "lastsHours");
            body["startsAt"] = startsAt.ToString("O", CultureInfo.InvariantCulture);
            body["endsAt"] = startsAt.AddHours(sale["lastsHours"]!.GetValue<double>()).ToString("O", CultureInfo.InvariantCulture);
            // The key makes a repeat after a cut-short start the same creation.
            await SendAsync(http, HttpMethod.Post, "/api/admin/sales", body, $"demo-{sale["id"]}", cancellationToken, alreadyThere: 409);
        }
        foreach (var promo in demo["promoCodes"]!.AsArray())
        {
            await SendAsync(http, HttpMethod.Post, "/api/admin/promo-codes", promo!, null, cancellationToken, alreadyThere: 409);
        }
        File.Delete(pending);
        logger.LogInformation("A demo store was set up: {Regions} regions, {Products} products, sales \"{Live}\" (live now) and \"{Soon}\" (soon), code {Code}. Turn it off with {Setting}=false.",
            demo["regions"]!.AsObject().Count, demo["products"]!.AsArray().Count, demo["sales"]![0]!["name"], demo["sales"]![1]!["name"],
            demo["promoCodes"]![0]!["code"], Setting);
    }

    private static async Task<bool> IsEmptyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { "/api/regions", "/api/admin/products", "/api/admin/sales" })
        {
            if ((await http.GetFromJsonAsync<JsonElement>(path, cancellationToken)).GetArrayLength() > 0)
            {
                return false;
            }
        }
        return true;
    }

    private static async Task SendAsync(
        HttpClient http, HttpMethod method, string path, JsonNode body, string? idempotencyKey, CancellationToken cancellationToken, int? alreadyThere = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != alreadyThere)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static JsonObject Without(JsonNode node, params string[] names)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var name in names)
        {
            copy.Remove(name);
        }
        return copy;
    }
}
