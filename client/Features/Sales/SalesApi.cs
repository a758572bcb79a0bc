using System.ComponentModel;
using FlashSale.Client.Auth;
using FlashSale.Domain;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

public static class SalesApi
{
    public sealed record RestockRequest(int? Quantity);

    public static IEndpointRouteBuilder MapSalesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sales", ListSales).WithTags("Shopping").Produces<ShopSaleView[]>().ProducesProblems(400).CacheOutput(StorefrontCache.Policy);
        app.MapGet("/api/sales/{id}", GetSale).WithTags("Shopping").Produces<ShopSaleView>().ProducesProblems(400, 404).CacheOutput(StorefrontCache.Policy);

        var admin = app.MapGroup("/api/admin/sales").WithTags("Marketer").RequireAuthorization(AuthHosting.MarketerPolicy)
            .ProducesProblems(400, 401, 403, 404, 409);
        // Changes: safe to retry with an Idempotency-Key; storage that did not confirm one answers 503 outcome-unknown.
        admin.MapPost("/", CreateSale).ProducesProblems(422, 503);
        admin.MapGet("/", ListAdminSales);
        admin.MapGet("/{id}", GetAdminSale);
        admin.MapPut("/{id}", EditSale).ProducesProblems(422, 503)
            .WithDescription("Edits a sale (the whole definition, as created): before the start anything, stock until a minute before it; once started only the name and the items' per-customer limits (409 sale-started naming the field otherwise).");
        admin.MapGet("/{id}/stats", GetStats);
        admin.MapPost("/{id}/pause", Pause).ProducesProblems(422, 503);
        admin.MapPost("/{id}/resume", Resume).ProducesProblems(422, 503);
        admin.MapPost("/{id}/end", End).ProducesProblems(422, 503);
        admin.MapPost("/{id}/items/{sku}/restock", Restock).ProducesProblems(422, 503);
        admin.MapPut("/{id}/waiting-room", SetWaitingRoom).ProducesProblems(422, 503);
        admin.MapDelete("/{id}/waiting-room", RemoveWaitingRoom).ProducesProblems(422, 503);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ListSales(string? region, StorefrontViews views)
    {
        if (RegionCode(region) is not { } code || await views.List(code) is not { Json: { } json })
        {
            return UnknownRegion();
        }
        return TypedResults.Bytes(json, JsonContent);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetSale(string id, string? region, StorefrontViews views)
    {
        if (RegionCode(region) is not { } code)
        {
            return UnknownRegion();
        }
        var view = SaleRules.IsValidSaleId(id) ? await views.Page(code, id) : await views.List(code) with { Json = null };
        if (!view.RegionKnown)
        {
            return UnknownRegion();
        }
        return view.Json is { } json ? TypedResults.Bytes(json, JsonContent) : Problems.NotFound($"No sale '{id}' in {code}.", "No such sale.");
    }

    private const string JsonContent = "application/json; charset=utf-8";

    /// <summary>A region code as the store writes them (two letters), or null: nothing else reaches the view cache.</summary>
    private static string? RegionCode(string? region)
    {
        var code = string.IsNullOrWhiteSpace(region) ? "" : RegionRules.NormalizeCode(region);
        return code.Length == 2 && code.All(char.IsAsciiLetterUpper) ? code : null;
    }

    private static ProblemHttpResult UnknownRegion() => Problems.Validation("region", "Required: a region of this store (e.g. ?region=BR).");

    private static async Task<Results<Created<AdminSaleView>, Ok<AdminSaleView>, ProblemHttpResult>> CreateSale(
        SaleDraft body, [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin)
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        // Marketers read their own writes: validate against the owning grains, not a silo's cache.
        var regions = await admin.Grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();
        var skus = (body.Items ?? []).Select(i => i?.Sku).OfType<string>().Where(ProductRules.IsValidSku).Distinct().ToList();
        var found = await Task.WhenAll(skus.Select(sku => admin.Grains.GetGrain<IProductGrain>(sku).Get()));
        var products = found.OfType<Product>().ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var errors = new FieldErrors();
        // A sale without an id is named by the key, so a retry with the key finds the sale the first attempt made.
        var definition = SaleDraftValidation.Validate(
            body, SaleRules.GeneratedSaleId(idempotencyKey), regions, products, admin.Now, errors, await admin.Shards.MaxShardsAsync(admin.Grains));
        if (definition is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var sale = admin.Grains.GetGrain<ISaleGrain>(definition.Id);
        var outcome = await sale.Create(definition, idempotencyKey);
        if (outcome == CreateSaleOutcome.IdTaken)
        {
            return Problems.Problem(StatusCodes.Status409Conflict, "sale-exists", "A sale has this id.", $"Sale '{definition.Id}' exists with another definition.");
        }
        if (outcome == CreateSaleOutcome.KeyReused)
        {
            return IdempotencyKeys.Reused();
        }
        var view = AdminSaleView.From((await sale.GetSnapshot())!, admin.Now, 0);
        return outcome == CreateSaleOutcome.Created ? TypedResults.Created($"/api/admin/sales/{definition.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> EditSale(
        string id, SaleDraft body, [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin)
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        if (!SaleRules.IsValidSaleId(id) || await admin.Grains.GetGrain<ISaleGrain>(id).GetSnapshot() is null)
        {
            return Problems.NotFound($"No sale '{id}'.", "No such sale.");
        }
        var errors = new FieldErrors();
        if (body.Id is { } bodyId && bodyId.Trim() != id)
        {
            errors.Add("id", $"A sale keeps its id: leave it out or send '{id}'.");
        }
        if (body.WaitingRoom is not null)
        {
            errors.Add("waitingRoom", $"Set the waiting room with PUT /api/admin/sales/{id}/waiting-room.");
        }
        var regions = await admin.Grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();
        var skus = (body.Items ?? []).Select(i => i?.Sku).OfType<string>().Where(ProductRules.IsValidSku).Distinct().ToList();
        var found = await Task.WhenAll(skus.Select(sku => admin.Grains.GetGrain<IProductGrain>(sku).Get()));
        var products = found.OfType<Product>().ToDictionary(p => p.Sku, StringComparer.Ordinal);
        var definition = SaleDraftValidation.Validate(
            body with { Id = id, WaitingRoom = null }, id, regions, products, admin.Now, errors, await admin.Shards.MaxShardsAsync(admin.Grains));
        if (definition is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var result = await admin.Grains.GetGrain<ISaleGrain>(id).Amend(definition, idempotencyKey);
        return result switch
        {
            { Outcome: SaleChangeOutcome.Done, Sale: { } sale } =>
                TypedResults.Ok(admin.View(sale)),
            { Outcome: SaleChangeOutcome.KeyReused } => IdempotencyKeys.Reused(),
            { Outcome: SaleChangeOutcome.Refused, Field: var field, Reason: var reason } => SaleStarted(field ?? "id", reason ?? "The sale cannot take this change now."),
            _ => Problems.NotFound($"No sale '{id}'.", "No such sale."),
        };
    }

    /// <summary>409: the edit would break what shoppers were promised; <c>errors</c> names the field, as a 400 does.</summary>
    private static ProblemHttpResult SaleStarted(string field, string reason)
    {
        var details = Problems.Details(StatusCodes.Status409Conflict, "sale-started", "The sale cannot take this change now.", reason);
        details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
        return TypedResults.Problem(details);
    }

    private static async Task<Ok<AdminSaleView[]>> ListAdminSales([AsParameters] SaleAdmin admin)
    {
        var ids = await admin.Grains.GetGrain<ISaleDirectoryGrain>(ISaleDirectoryGrain.Key).GetAll();
        var sales = await Task.WhenAll(ids.Select(id => admin.Grains.GetGrain<ISaleGrain>(id).GetSnapshot()));
        return TypedResults.Ok(sales.OfType<SaleSnapshot>()
            .Select(s => admin.View(s))
            .OrderByDescending(s => s.StartsAt)
            .ToArray());
    }

    private static async Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> GetAdminSale(string id, [AsParameters] SaleAdmin admin) =>
        await Show(id, Snapshot(admin.Grains, id), admin);

    private static async Task<Results<Ok<SaleStatsView>, ProblemHttpResult>> GetStats(
        string id, [AsParameters] SaleAdmin admin, EdgeRateLimits limits, WaitingRoomGate waitingRoom)
    {
        if (await Snapshot(admin.Grains, id) is not { } sale)
        {
            return Problems.NotFound($"No sale '{id}'.", "No such sale.");
        }
        var perSecond = admin.Rates.Observe(id, sale.Items.Sum(i => i.Orders));
        // Refusals at the edge and at a waiting room's door never reach the shards: this front end counts them.
        var items = sale.Items.Select(item => ItemStatsView.From(
            item with { Rejected = item.Rejected + waitingRoom.RefusedFor(id, item.Sku) }, limits.RefusedFor(id, item.Sku)));
        return TypedResults.Ok(new SaleStatsView(items.ToList(), perSecond, admin.Now, sale.PendingDeliveries));
    }

    private static Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> Pause(
        string id, [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin) =>
        Change(id, idempotencyKey, sale => sale.Pause(idempotencyKey), admin);

    private static Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> Resume(
        string id, [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin) =>
        Change(id, idempotencyKey, sale => sale.Resume(idempotencyKey), admin);

    private static Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> End(
        string id, [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin) =>
        Change(id, idempotencyKey, sale => sale.End(idempotencyKey), admin);

    private static async Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> Restock(
        string id, string sku, RestockRequest body,
        [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription + " For a restock, the key names it: a retry adds no units.")] string? idempotencyKey,
        [AsParameters] SaleAdmin admin)
    {
        if (body.Quantity is not (>= 1 and <= SaleValidation.MaxStockPerItem))
        {
            return Problems.Validation("quantity", $"From 1 to {SaleValidation.MaxStockPerItem:N0}.");
        }
        var result = await Change(id, idempotencyKey, sale => sale.Restock(sku, body.Quantity.Value, idempotencyKey), admin);
        return result.Result is ProblemHttpResult { StatusCode: 404 } ? Problems.NotFound($"No item '{sku}' in sale '{id}'.", "No such sale item.") : result;
    }

    /// <summary>Turns the waiting room on, or changes its rate, on any sale (also a live one): front ends follow within a second.</summary>
    private static Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> SetWaitingRoom(
        string id, WaitingRoomDraft body,
        [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin)
    {
        if (WaitingRoom.Refusal(body.AdmitPerSecond) is { } refusal)
        {
            return Task.FromResult<Results<Ok<AdminSaleView>, ProblemHttpResult>>(Problems.Validation("admitPerSecond", refusal));
        }
        return Change(id, idempotencyKey, sale => sale.SetWaitingRoom(new WaitingRoom(body.AdmitPerSecond!.Value), idempotencyKey), admin);
    }

    /// <summary>Turns the waiting room off: shoppers in line are let through as they come back.</summary>
    private static Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> RemoveWaitingRoom(
        string id, [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription)] string? idempotencyKey,
        [AsParameters] SaleAdmin admin) =>
        Change(id, idempotencyKey, sale => sale.SetWaitingRoom(null, idempotencyKey), admin);

    /// <summary>A marketer's change, answered once the sale recorded it, with the sale as it is then.</summary>
    private static async Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> Change(
        string id, string? idempotencyKey, Func<ISaleGrain, Task<SaleChange>> change, SaleAdmin admin)
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var result = SaleRules.IsValidSaleId(id) ? await change(admin.Grains.GetGrain<ISaleGrain>(id)) : SaleChange.NotFound;
        return result switch
        {
            { Outcome: SaleChangeOutcome.Done, Sale: { } sale } =>
                TypedResults.Ok(admin.View(sale)),
            { Outcome: SaleChangeOutcome.KeyReused } => IdempotencyKeys.Reused(),
            { Outcome: SaleChangeOutcome.OverStockCap, Reason: var reason } => Problems.Validation("quantity", reason ?? "Too many units."),
            _ => Problems.NotFound($"No sale '{id}'.", "No such sale."),
        };
    }

    private static async Task<Results<Ok<AdminSaleView>, ProblemHttpResult>> Show(
        string id, Task<SaleSnapshot?> change, SaleAdmin admin)
    {
        if (!SaleRules.IsValidSaleId(id) || await change is not { } sale)
        {
            return Problems.NotFound($"No sale '{id}'.", "No such sale.");
        }
        return TypedResults.Ok(admin.View(sale));
    }

    private static Task<SaleSnapshot?> Snapshot(IGrainFactory grains, string id) =>
        SaleRules.IsValidSaleId(id) ? grains.GetGrain<ISaleGrain>(id).GetSnapshot() : Task.FromResult<SaleSnapshot?>(null);
}
