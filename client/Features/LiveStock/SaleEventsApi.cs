using System.Net.ServerSentEvents;
using FlashSale.Pricing;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Features.LiveStock;

/// <summary>
/// <c>GET /api/sales/{id}/events</c>: a server-sent event whenever an item's available units or status change, at
/// most four a second, from this front end's one feed of the sale (<see cref="StockFeeds"/>). The stream ends when the
/// sale ends; streams are capped per address and in all (<see cref="EdgeRateLimits.EventStreams"/>).
/// </summary>
public static class SaleEventsApi
{
    public static IEndpointRouteBuilder MapSaleEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sales/{id}/events", Stream).RequireRateLimiting(EdgeRateLimits.EventStreams).WithTags("Shopping").ProducesProblems(400, 404, 503);
        return app;
    }

    private static async Task<Results<ServerSentEventsResult<StockEvent>, ProblemHttpResult>> Stream(
        string id, string? region, IGrainFactory grains, StockFeeds feeds, HttpContext context)
    {
        var reads = grains.Pricing();
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
        return TypedResults.ServerSentEvents(feeds.Watch(id, context.RequestAborted).Select(message => new SseItem<StockEvent>(message, "stock")));
    }
}
