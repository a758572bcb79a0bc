using System.ComponentModel;
using System.Collections.Concurrent;
using FlashSale.Client.Auth;
using FlashSale.Client.Features.Sales;
using FlashSale.Domain;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Promos;

public static class PromoCodesApi
{
    public static IEndpointRouteBuilder MapPromoCodesApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/promo-codes").WithTags("Marketer").RequireAuthorization(AuthHosting.MarketerPolicy)
            .ProducesProblems(400, 401, 403, 404, 409);
        // Changes: safe to retry (a code names its own creation; a batch is named by its Idempotency-Key).
        admin.MapPost("/", Create).ProducesProblems(503);
        admin.MapPost("/batch", CreateBatch).ProducesProblems(422, 503);
        admin.MapGet("/", List).WithDescription($"The codes created one by one, newest first (batch codes are found by code): search within the code, take 1-{MaxTake} (50).");
        admin.MapGet("/{code}", Get);
        admin.MapPost("/{code}/enable", Enable).ProducesProblems(503).WithDescription(IdempotencyKeys.NaturallyIdempotent);
        admin.MapPost("/{code}/disable", Disable).ProducesProblems(503).WithDescription(IdempotencyKeys.NaturallyIdempotent);
        return app;
    }

    private static async Task<Results<Created<PromoCodeView>, ProblemHttpResult>> Create(
        PromoDraft body,
        [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription + " Not needed here: the code names its creation, so the same body again is answered as a create (and starts what a failed attempt left undone), other rules for it 409.")] string? idempotencyKey,
        IGrainFactory grains, ShardSizing shards)
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var regions = await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();
        var errors = new FieldErrors();
        var code = body.Code is null ? null : PromoRules.Normalize(body.Code);
        if (code is null)
        {
            errors.Add("code", "Required.");
        }
        var definition = PromoDraftValidation.Validate(body, code ?? "", regions, errors);
        if (definition is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        definition = definition with { Shards = PromoRules.AllowanceShardsFor(definition.MaxRedemptions, await shards.MaxShardsAsync(grains)) };
        var promo = grains.GetGrain<IPromoCodeGrain>(definition.Code);
        if (!await promo.Create(definition))
        {
            return Problems.Problem(409, "promo-code-exists", "This code exists.", $"A promo code '{definition.Code}' exists already.");
        }
        await grains.GetGrain<IPromoDirectoryGrain>(IPromoDirectoryGrain.Key).Add(definition.Code);
        return TypedResults.Created($"/api/admin/promo-codes/{definition.Code}", PromoCodeView.From((await promo.GetSnapshot())!));
    }

    private static async Task<Results<Created<PromoBatchView>, ProblemHttpResult>> CreateBatch(
        PromoBatchRequest body,
        [FromHeader(Name = IdempotencyKeys.Header), Description(IdempotencyKeys.AdminDescription + " A batch retried with its key answers the same codes (creating the ones a failed attempt missed).")] string? idempotencyKey,
        IGrainFactory grains, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } badKey)
        {
            return badKey;
        }
        var regions = await grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key).GetAll();
        var errors = new FieldErrors();
        var prefix = body.Prefix is null ? null : PromoRules.Normalize(body.Prefix);
        if (prefix is null || prefix.Length is < 1 or > 16 || !prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            errors.Add("prefix", "1-16 letters or digits.");
        }
        if (body.Count is not (>= 1 and <= PromoValidation.MaxBatch))
        {
            errors.Add("count", $"From 1 to {PromoValidation.MaxBatch}.");
        }
        if (body.Template is null)
        {
            errors.Add("template", "Required: the rules every code of the batch gets.");
        }
        var template = body.Template is null ? null : PromoDraftValidation.Validate(body.Template with { MaxRedemptions = 1 }, null, regions, errors, "template.");
        if (template is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        // The codes come from a seed: recorded under the key (a retry makes the same codes), or fresh without one.
        var count = body.Count!.Value;
        var seed = idempotencyKey is null
            ? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            : await grains.GetGrain<IPromoBatchGrain>(SaleRules.KeyHash(idempotencyKey)).Begin(new PromoBatch(prefix!, count, template));
        if (seed is null)
        {
            return IdempotencyKeys.Reused();
        }

        // One grain per code, created side by side: no grain takes N writes.
        var logger = logging.CreateLogger("FlashSale.PromoBatch");
        var codes = new ConcurrentBag<string>();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (index, _) =>
            {
                // A code taken by another batch (other rules) is skipped for the next draw; the same rules mean a retry.
                string code;
                var attempt = 0;
                do
                {
                    code = PromoValidation.BatchCode(prefix!, seed, index, attempt++);
                }
                while (!await grains.GetGrain<IPromoCodeGrain>(code).Create(template with { Code = code, MaxRedemptions = 1, Shards = 1 }));
                codes.Add(code);
                var created = Interlocked.Increment(ref done);
                if (count >= 1000 && created % (count / 10) == 0)
                {
                    logger.LogInformation("Promo batch {Prefix}: {Created} of {Count} codes created", prefix, created, count);
                }
            });
        return TypedResults.Created($"/api/admin/promo-codes?prefix={prefix}", new PromoBatchView(prefix!, count, [.. codes.Order(StringComparer.Ordinal)]));
    }

    private const int MaxTake = 200;

    private static async Task<Results<Ok<PromoCodeView[]>, ProblemHttpResult>> List(string? search, int? take, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var text = search?.Trim() ?? "";
        if (text.Length > 40 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add("search", "Part of a code: at most 40 letters, digits, '-' or '_'.");
        }
        if (take is not null and not (>= 1 and <= MaxTake))
        {
            errors.Add("take", $"From 1 to {MaxTake}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }
        var codes = await grains.GetGrain<IPromoDirectoryGrain>(IPromoDirectoryGrain.Key).Search(text, take ?? 50);
        // Totals only: the per-customer table of a code a stampede used has a row per shopper, and its shares would build
        // it in their turns, between the holds they serve.
        var promos = await Task.WhenAll(codes.Select(code => grains.GetGrain<IPromoCodeGrain>(code).GetRules()));
        return TypedResults.Ok(promos.OfType<PromoSnapshot>().Select(promo => PromoCodeView.From(promo, perCustomer: false)).ToArray());
    }

    private static async Task<Results<Ok<PromoCodeView>, ProblemHttpResult>> Enable(string code, IGrainFactory grains) =>
        PromoValidation.IsValidCode(PromoRules.Normalize(code)) && await grains.GetGrain<IPromoCodeGrain>(PromoRules.Normalize(code)).Enable() is { } promo
            ? TypedResults.Ok(PromoCodeView.From(promo, perCustomer: false))
            : Problems.NotFound($"No promo code '{code}'.", "No such code.");

    private static async Task<Results<Ok<PromoCodeView>, ProblemHttpResult>> Get(string code, IGrainFactory grains) =>
        PromoValidation.IsValidCode(PromoRules.Normalize(code)) && await grains.GetGrain<IPromoCodeGrain>(PromoRules.Normalize(code)).GetSnapshot() is { } promo
            ? TypedResults.Ok(PromoCodeView.From(promo))
            : Problems.NotFound($"No promo code '{code}'.", "No such code.");

    private static async Task<Results<Ok<PromoCodeView>, ProblemHttpResult>> Disable(string code, IGrainFactory grains) =>
        PromoValidation.IsValidCode(PromoRules.Normalize(code)) && await grains.GetGrain<IPromoCodeGrain>(PromoRules.Normalize(code)).Disable() is { } promo
            ? TypedResults.Ok(PromoCodeView.From(promo, perCustomer: false))
            : Problems.NotFound($"No promo code '{code}'.", "No such code.");
}
