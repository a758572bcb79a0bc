using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using FlashSale.Pricing;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Api;

/// <summary>
/// <c>GET /api/sales/{id}/events</c>: a server-sent event whenever an item's available units or status
/// change, coalesced to at most four a second, read from the silos' in-memory catalog (never storage).
/// </summary>
public static class SaleEventsApi
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapSaleEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sales/{id}/events", Stream).RequireRateLimiting(EdgeRateLimits.EventStreams).WithTags("Shopping").ProducesProblems(400, 404, 503);
        return app;
    }

    private static async Task<Results<ServerSentEventsResult<StockEvent>, ProblemHttpResult>> Stream(
        string id, string? region, IGrainFactory grains, ShopClock clock, HttpContext context)
    {
        var reads = grains.GetGrain<IPricingGrain>(0);
        var code = RegionRules.NormalizeCode(region ?? "");
        if ((await reads.GetRegions()).Regions.All(r => r.Code != code))
        {
            return Problems.Validation("region", "Required: a region of this store (e.g. ?region=BR).");
        }
        if (!SaleRules.IsValidSaleId(id) || await reads.GetSale(id) is not { } sale || !sale.Definition.Regions.Contains(code))
        {
            return Problems.NotFound($"No sale '{id}' in {code}.", "No such sale.");
        }
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.ServerSentEvents(Changes(id, reads, clock, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<StockEvent>> Changes(
        string id, IPricingGrain reads, ShopClock clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? last = null;
        var lastSent = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await reads.GetSale(id) is { } sale)
            {
                var now = clock.GetUtcNow();
                var status = SaleRules.Status(sale.Definition, sale.Control, now);
                var items = sale.Items.Select(i => new StockEventItem(
                    i.Sku, Math.Max(0, i.Available), i.Stock, AdminSaleView.Wire(SaleRules.ItemStatus(status, i.Available)))).ToList();
                var fingerprint = $"{status}|{string.Join('|', items.Select(i => $"{i.Sku}:{i.Available}:{i.Stock}:{i.Status}"))}";
                if (fingerprint != last || now - lastSent > KeepAlive)
                {
                    last = fingerprint;
                    lastSent = now;
                    yield return new SseItem<StockEvent>(new StockEvent(id, AdminSaleView.Wire(status), items, now), "stock");
                }
            }
            try
            {
                await Task.Delay(Tick, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
