using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.RateLimiting;
using FlashSale.Client.Auth;
using FlashSale.Pricing;
using Microsoft.AspNetCore.RateLimiting;

namespace FlashSale.Client.Limits;

/// <summary>
/// The edge limits, as named rate-limit policies the endpoints require (so they hold whatever the path's case):
/// placing orders and starting sessions, per shopper and per address, each a fixed one-second window
/// (<c>FlashSale:RateLimit:PerShopperPerSecond</c> / <c>PerAddressPerSecond</c>; 0 turns a limit off), refused with
/// 429, Retry-After and ProblemDetails, and counted in the sale's <c>rejected.rateLimited</c> (as seen by this front
/// end, for items that exist); and live stock streams, per address and in all (<see cref="EventStreamSettings"/>),
/// refused with 503 and Retry-After.
/// </summary>
public sealed class EdgeRateLimits(IGrainFactory grains)
{
    /// <summary><c>POST /api/orders</c>.</summary>
    public const string Orders = "orders";

    /// <summary><c>POST /api/session</c>.</summary>
    public const string Sessions = "sessions";

    /// <summary><c>POST /api/session</c> when it mails a code: per client address and hour (<see cref="SignInSettings.PerAddressPerHour"/>).</summary>
    public const string CodeRequests = "code-requests";

    /// <summary><c>GET /api/sales/{id}/events</c>.</summary>
    public const string EventStreams = "event-streams";

    /// <summary>The most of a refused order's body read to tell its sale item (a real one is about 100 bytes).</summary>
    private const int BodyReadForCounting = 4_096;

    private readonly ConcurrentDictionary<(string Sale, string Sku), long> _refusedByItem = new();

    public long RefusedFor(string saleId, string sku) => _refusedByItem.GetValueOrDefault((saleId, sku));

    /// <summary>Sale items with refusals counted here: only items that exist, so what callers send cannot grow it.</summary>
    internal int ItemsCounted => _refusedByItem.Count;

    public static WebApplicationBuilder Add(WebApplicationBuilder builder)
    {
        var perShopper = Limit(builder.Configuration, "PerShopperPerSecond", 10);
        var perAddress = Limit(builder.Configuration, "PerAddressPerSecond", 200);
        var streams = EventStreamSettings.From(builder.Configuration);
        var codesPerAddress = SignInSettings.From(builder.Configuration).PerAddressPerHour;
        builder.Services.AddSingleton(streams);
        builder.Services.AddSingleton<EdgeRateLimits>();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Orders, context => PerShopper(context, perShopper));
            options.AddPolicy(Sessions, context => PerShopper(context, perShopper));
            // Mailing a code costs a message to someone's inbox: an address gets so many an hour, whatever emails it names.
            options.AddPolicy(CodeRequests, context => codesPerAddress > 0
                ? RateLimitPartition.GetFixedWindowLimiter($"codes:{context.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = codesPerAddress,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("none"));
            options.AddPolicy(EventStreams, context => streams.MaxStreamsPerAddress > 0
                ? Concurrent($"streams:{context.Connection.RemoteIpAddress}", streams.MaxStreamsPerAddress)
                : RateLimitPartition.GetNoLimiter("none"));
            // The limits shared by every shopper of an address, and by every stream of this front end, go by the policy an
            // endpoint requires too: never by its path.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    PolicyOf(context) is Orders or Sessions or CodeRequests && perAddress > 0
                        ? PerSecond($"address:{context.Connection.RemoteIpAddress}", perAddress)
                        : RateLimitPartition.GetNoLimiter("none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    PolicyOf(context) is EventStreams && streams.MaxStreams > 0
                        ? Concurrent("streams", streams.MaxStreams)
                        : RateLimitPartition.GetNoLimiter("none")));
            options.OnRejected = Refuse;
        });
        return builder;
    }

    private static string? PolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static RateLimitPartition<string> PerShopper(HttpContext context, int permits) =>
        permits > 0 && context.User.FindFirst(ShopperTokens.CustomerClaim)?.Value is { } customer
            ? PerSecond($"shopper:{customer}", permits)
            : RateLimitPartition.GetNoLimiter("none");

    private static RateLimitPartition<string> PerSecond(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });

    private static RateLimitPartition<string> Concurrent(string key, int permits) =>
        RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });

    private static async ValueTask Refuse(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = PolicyOf(context);
        if (policy == EventStreams)
        {
            context.Response.Headers.RetryAfter = "10";
            await Problems.Problem(StatusCodes.Status503ServiceUnavailable, "too-many-streams", "Too many live streams.",
                "This front end serves as many live stock streams as it may, in all or to your address. Try again in 10 s; the page works without one.")
                .ExecuteAsync(context);
            return;
        }
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (policy == Orders)
        {
            await context.RequestServices.GetRequiredService<EdgeRateLimits>().Count(context, cancellationToken);
        }
        await Problems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", policy == CodeRequests
            ? $"Too many sign-in codes were asked for from your network. Try again in {retryAfter} s."
            : $"Slow down: try again in {retryAfter} s.").ExecuteAsync(context);
    }

    /// <summary>Counts a refused order against its sale item, when its (small) body names an item that exists.</summary>
    private async Task Count(HttpContext context, CancellationToken cancellationToken)
    {
        if (await ItemOf(context.Request, cancellationToken) is not var (saleId, sku)
            || await grains.Pricing().GetSale(saleId) is not { } sale || sale.Definition.Item(sku) is null)
        {
            return;
        }
        _refusedByItem.AddOrUpdate((saleId, sku), 1, (_, n) => n + 1);
    }

    /// <summary>The sale item an order attempt was for, from at most <see cref="BodyReadForCounting"/> bytes of its body.</summary>
    private static async Task<(string SaleId, string Sku)?> ItemOf(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > BodyReadForCounting)
        {
            return null;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(BodyReadForCounting + 1);
        try
        {
            // Read whatever the framing (a chunked body announces no length): one byte past the bound means "too long".
            var read = 0;
            int got;
            while (read <= BodyReadForCounting && (got = await request.Body.ReadAsync(buffer.AsMemory(read, BodyReadForCounting + 1 - read), cancellationToken)) > 0)
            {
                read += got;
            }
            if (read > BodyReadForCounting)
            {
                return null;
            }
            using var body = JsonDocument.Parse(buffer.AsMemory(0, read));
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("saleId", out var sale) && sale.ValueKind == JsonValueKind.String
                && body.RootElement.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.String
                ? (sale.GetString()!, sku.GetString()!)
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Limit(IConfiguration configuration, string name, int fallback) =>
        (int)WholeNumberSetting.Read(configuration, $"FlashSale:RateLimit:{name}", fallback, 0, "a whole number of requests per second (0 turns it off)");
}
