using System.ComponentModel;
using FlashSale.Client.Auth;
using FlashSale.Domain;
using FlashSale.Marketplace;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Fulfilment;

/// <summary>The store's side of the marketplace: shipping and delivering orders (one or a CSV of many), refunds, disputes, reviews.</summary>
public static class FulfilmentAdminApi
{
    /// <summary>Most rows one shipments CSV may carry.</summary>
    public const int MaxCsvRows = 1000;

    public sealed record ShipRequest(string? Tracking);

    public sealed record RefundRequest(decimal? Amount, string? Reason);

    public sealed record ResolveRequest(string? Decision, decimal? Amount, string? Reason);

    public sealed record HideRequest(bool? Hidden);

    public sealed record ShipmentsView(int Applied, IReadOnlyList<ShipmentError> Errors);

    public sealed record ShipmentError(int Line, string? OrderId, string Type, string Detail);

    public sealed record DisputeEntryView(string OrderId, string CustomerId, string Sku, string Region, DisputeView Dispute);

    public sealed record AdminReviewView(string OrderId, string CustomerId, int Rating, string Text, DateTimeOffset At, bool Hidden);

    public static IEndpointRouteBuilder MapFulfilmentAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Marketer").RequireAuthorization(AuthHosting.MarketerPolicy).ProducesProblems(401, 403);
        admin.MapGet("/orders/{id}", GetOrder).ProducesProblems(404, 409);
        admin.MapPost("/orders/{id}/ship", Ship).ProducesProblems(400, 404, 409, 503).WithDescription(IdempotencyKeys.NaturallyIdempotent);
        admin.MapPost("/orders/{id}/deliver", Deliver).ProducesProblems(404, 409, 503).WithDescription(IdempotencyKeys.NaturallyIdempotent);
        admin.MapPost("/orders/shipments", Shipments).Accepts<string>("text/csv").ProducesProblems(400, 503)
            .WithDescription("CSV rows `orderId,status,tracking` (status `shipped` or `delivered`; a header row is skipped), at most 1,000.");
        admin.MapPost("/orders/{id}/refunds", PostRefund).ProducesProblems(400, 404, 409, 422, 503);
        admin.MapGet("/disputes", ListDisputes);
        admin.MapPost("/disputes/{id}/resolve", Resolve).ProducesProblems(400, 404, 409, 422, 503);
        admin.MapGet("/reviews", ListReviews).ProducesProblems(400);
        admin.MapPost("/reviews/{id}/hide", Hide).ProducesProblems(400, 404, 503);
        return app;
    }

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> GetOrder(string id, [AsParameters] OrderJourneys journeys) =>
        await journeys.Answer(id, j => j.Get(null));

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> Ship(string id, ShipRequest body, [AsParameters] OrderJourneys journeys)
    {
        var errors = new FieldErrors();
        var tracking = errors.CheckText("tracking", body.Tracking, RefundRules.MaxTrackingLength);
        if (tracking is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        return await journeys.Answer(id, j => j.Ship(tracking));
    }

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> Deliver(string id, [AsParameters] OrderJourneys journeys) =>
        await journeys.Answer(id, j => j.Deliver());

    /// <summary>Each row is applied on its own (a row that fails is reported with its line; the others still apply); a retry of the file changes nothing more.</summary>
    private static async Task<Results<Ok<ShipmentsView>, ProblemHttpResult>> Shipments(HttpRequest request, [AsParameters] OrderJourneys journeys)
    {
        using var reader = new StreamReader(request.Body);
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (lines.Count >= MaxCsvRows)
            {
                return Problems.Validation("body", $"At most {MaxCsvRows:N0} rows per file.");
            }
            lines.Add(line);
        }
        if (lines.Count == 0)
        {
            return Problems.Validation("body", "CSV rows: orderId,status,tracking (status shipped or delivered).");
        }
        var applied = 0;
        var errors = new List<ShipmentError>();
        for (var i = 0; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length == 0 || cells[0].Length == 0 || (i == 0 && cells[0].Equals("orderId", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var (orderId, status, tracking) = (cells[0], cells.ElementAtOrDefault(1) ?? "", cells.ElementAtOrDefault(2) ?? "");
            var result = status switch
            {
                "shipped" when tracking.Length is >= 1 and <= RefundRules.MaxTrackingLength && !tracking.Any(char.IsControl) =>
                    await journeys.Call(orderId, j => j.Ship(tracking)),
                "delivered" => await journeys.Call(orderId, j => j.Deliver()),
                _ => null,
            };
            if (result is null)
            {
                errors.Add(new ShipmentError(i + 1, orderId, "/problems/validation", "Status \"shipped\" with a tracking reference (1-100 characters), or \"delivered\"."));
            }
            else if (result.Outcome == JourneyOutcome.Done)
            {
                applied++;
            }
            else if (JourneyProblems.Answer(orderId, result, journeys.Now).Result is ProblemHttpResult problem)
            {
                errors.Add(new ShipmentError(i + 1, orderId, problem.ProblemDetails.Type!, problem.ProblemDetails.Detail!));
            }
        }
        return TypedResults.Ok(new ShipmentsView(applied, errors));
    }

    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> PostRefund(
        string id, RefundRequest body,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Required: names the refund, so a retry refunds once.")] string? idempotencyKey,
        [AsParameters] OrderJourneys journeys)
    {
        if (idempotencyKey is null || !IdempotencyKeys.IsValid(idempotencyKey))
        {
            return Problems.Validation(IdempotencyKeys.Header, "Required: 1-255 characters naming this refund, the same on every retry of it.");
        }
        if (CheckRefund(body.Amount, body.Reason) is not { } reason)
        {
            return Problems.Validation(RefundErrors(body.Amount, body.Reason));
        }
        return await journeys.Answer(id, j => j.Refund($"key-{idempotencyKey}", body.Amount, reason));
    }

    private static async Task<Ok<DisputeEntryView[]>> ListDisputes(IGrainFactory grains)
    {
        var entries = await grains.GetGrain<IDisputeBoardGrain>(IDisputeBoardGrain.Key).GetAll();
        return TypedResults.Ok(entries.Select(e => new DisputeEntryView(e.OrderId, e.CustomerId, e.Sku, e.Region, new DisputeView(
            JourneyView.Wire(e.Dispute.Reason), e.Dispute.Message, e.Dispute.OpenedAt, JourneyView.Wire(e.Dispute.Status), e.Dispute.Resolution, e.Dispute.ResolvedAt))).ToArray());
    }

    /// <summary>A dispute is resolved once: its refund is named by the order, so a retry refunds nothing more.</summary>
    private static async Task<Results<Ok<JourneyView>, ProblemHttpResult>> Resolve(string id, ResolveRequest body, [AsParameters] OrderJourneys journeys)
    {
        switch (body.Decision)
        {
            case "refund":
                if (CheckRefund(body.Amount, body.Reason) is not { } reason)
                {
                    return Problems.Validation(RefundErrors(body.Amount, body.Reason));
                }
                return await journeys.Answer(id, j => j.Refund("dispute", body.Amount, reason));
            case "reject":
                var errors = new FieldErrors();
                if (errors.CheckText("reason", body.Reason, RefundRules.MaxMessageLength) is not { } why)
                {
                    return Problems.Validation(errors.ToDictionary());
                }
                return await journeys.Answer(id, j => j.RejectDispute(why));
            default:
                return Problems.Validation("decision", "\"refund\" (amount optional: all that is left) or \"reject\" (with a reason).");
        }
    }

    private static async Task<Results<Ok<AdminReviewView[]>, ProblemHttpResult>> ListReviews(string? sku, IGrainFactory grains)
    {
        if (!Products.ProductRules.IsValidSku(sku))
        {
            return Problems.Validation("sku", "Required: the product whose reviews to list (?sku=...).");
        }
        var reviews = await grains.GetGrain<IProductReviewsGrain>(sku!).GetReviews(includeHidden: true, limit: 200);
        return TypedResults.Ok(reviews.Select(r => new AdminReviewView(r.OrderId, r.CustomerId, r.Rating, r.Text, r.At, r.Hidden)).ToArray());
    }

    /// <summary>Hides (or shows again) the review of order <paramref name="id"/>; the product's rating follows within half a second.</summary>
    private static async Task<Results<Ok<AdminReviewView>, ProblemHttpResult>> Hide(string id, HideRequest body, IGrainFactory grains)
    {
        if (body.Hidden is not { } hidden)
        {
            return Problems.Validation("hidden", "Required: true to hide the review, false to show it again.");
        }
        var reviews = SaleRules.IsOrderId(id) && SaleRules.ShardOf(id) is { } named ? grains.GetGrain<IProductReviewsGrain>(named.Sku) : null;
        if (reviews is null || !await reviews.SetHidden(id, hidden) || await reviews.GetReview(id) is not { } review)
        {
            return Problems.NotFound($"No review of order '{id}'.", "No such review.");
        }
        return TypedResults.Ok(new AdminReviewView(review.OrderId, review.CustomerId, review.Rating, review.Text, review.At, review.Hidden));
    }

    private static string? CheckRefund(decimal? amount, string? reason) =>
        amount is null or > 0 && RefundErrors(amount, reason).Count == 0 ? reason!.Trim() : null;

    private static IDictionary<string, string[]> RefundErrors(decimal? amount, string? reason)
    {
        var errors = new FieldErrors();
        if (amount is <= 0)
        {
            errors.Add("amount", "More than 0, in the order's currency (leave it out to refund all that is left).");
        }
        errors.CheckText("reason", reason, RefundRules.MaxMessageLength);
        return errors.ToDictionary();
    }
}
