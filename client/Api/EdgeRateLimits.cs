using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.RateLimiting;
using FlashSale.Client.Auth;
using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.RateLimiting;

namespace FlashSale.Client.Api;

/// <summary>
/// The edge limits on placing orders and starting sessions: per shopper and per address, each a
/// fixed one-second window (<c>FlashSale:RateLimit:PerShopperPerSecond</c> / <c>PerAddressPerSecond</c>;
/// 0 turns a limit off). A refusal is 429 with Retry-After and a ProblemDetails body, and counts in
/// the sale's <c>rejected.rateLimited</c> (as seen by this front end).
/// </summary>
public sealed class EdgeRateLimits
{
    private readonly ConcurrentDictionary<string, long> _refusedBySale = new(StringComparer.Ordinal);

    public long RefusedFor(string saleId, string sku) => _refusedBySale.GetValueOrDefault($"{saleId}\n{sku}");

    public static WebApplicationBuilder Add(WebApplicationBuilder builder)
    {
        var perShopper = Limit(builder.Configuration, "PerShopperPerSecond", 10);
        var perAddress = Limit(builder.Configuration, "PerAddressPerSecond", 200);
        builder.Services.AddSingleton<EdgeRateLimits>();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsLimited(context) && perShopper > 0 && context.User.FindFirst(ShopperTokens.CustomerClaim)?.Value is { } customer
                        ? PerSecond($"shopper:{customer}", perShopper)
                        : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsLimited(context) && perAddress > 0
                        ? PerSecond($"address:{context.Connection.RemoteIpAddress}", perAddress)
                        : RateLimitPartition.GetNoLimiter("none")));
            options.OnRejected = Refuse;
        });
        return builder;
    }

    private static bool IsLimited(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Value is "/api/orders" or "/api/orders/" or "/api/session";

    private static RateLimitPartition<string> PerSecond(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });

    private static async ValueTask Refuse(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api/orders") && await ItemOf(context, cancellationToken) is { } item)
        {
            context.RequestServices.GetRequiredService<EdgeRateLimits>()._refusedBySale.AddOrUpdate(item, 1, (_, n) => n + 1);
        }
        await Problems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.",
            $"Slow down: try again in {retryAfter} s.").ExecuteAsync(context);
    }

    /// <summary>The sale item an order attempt was for, read from its (small) body; null when it cannot be told.</summary>
    private static async Task<string?> ItemOf(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.Request.ContentLength is > 16_384)
            {
                return null;
            }
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("saleId", out var sale) && sale.ValueKind == JsonValueKind.String
                && body.RootElement.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.String
                ? $"{sale.GetString()}\n{sku.GetString()}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Limit(IConfiguration configuration, string name, int fallback)
    {
        var raw = configuration[$"FlashSale:RateLimit:{name}"];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        return int.TryParse(raw, out var value) && value >= 0
            ? value
            : throw new SettingsException($"FlashSale:RateLimit:{name} must be a whole number of requests per second (0 turns it off), not '{raw}'.");
    }
}
