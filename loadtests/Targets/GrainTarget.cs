using System.Net;
using System.Net.Sockets;
using FlashSale.LoadTests.Engine;
using FlashSale.Orders;
using FlashSale.Pricing;
using FlashSale.Products;
using FlashSale.Promos;
using FlashSale.Regions;
using FlashSale.Sales;
using FlashSale.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace FlashSale.LoadTests.Targets;

/// <summary>
/// A silo in this process, configured as the silo host configures it, driven through the grains the web front
/// calls: the platform measured without HTTP. Answers are mapped to the status codes and problem slugs the API uses.
/// </summary>
public sealed class GrainTarget : IShopTarget
{
    private readonly IHost silo;
    private readonly IGrainFactory grains;
    private readonly OrderRouter orders;
    private readonly Func<Task> cleanUp;

    private GrainTarget(IHost silo, string describe, Func<Task> cleanUp)
    {
        this.silo = silo;
        this.cleanUp = cleanUp;
        Describe = describe;
        grains = silo.Services.GetRequiredService<IGrainFactory>();
        orders = new OrderRouter(grains);
    }

    public string Describe { get; }

    public bool SignInIsARequest => false;

    public IGrainFactory Grains => grains;

    /// <param name="storage">A <see cref="ScratchStorage"/> made for this run.</param>
    public static async Task<GrainTarget> StartAsync(ScratchStorage storage)
    {
        var builder = Host.CreateApplicationBuilder([
            .. storage.SiloArgs,
            $"--FlashSale:Cluster:SiloPort={FreePort()}",
            $"--FlashSale:Cluster:GatewayPort={FreePort()}",
            "--Logging:LogLevel:Default=Error",
        ]);
        // The tool's output is the tool's: the silo speaks up only for errors.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.AddFlashSaleSilo(builder.AddFlashSaleSettings());
        builder.Services.AddSingleton<IHostLifetime, ToolHostLifetime>();
        var silo = builder.Build();
        await silo.StartAsync();
        return new GrainTarget(silo, $"in-process silo on {storage.Describe}", () => Task.CompletedTask);
    }

    public async Task EnsureRegionsAsync(IReadOnlyList<MarketRegion> regions)
    {
        var catalog = grains.GetGrain<IRegionCatalogGrain>(IRegionCatalogGrain.Key);
        var known = (await catalog.GetAll()).Regions.Select(r => r.Code).ToHashSet();
        foreach (var r in regions.Where(r => !known.Contains(r.Code)))
        {
            await catalog.Put(new Region(r.Code, r.Name, r.Currency, r.TaxRate, r.PricesIncludeTax, r.ShippingFee, r.FreeShippingThreshold));
        }
    }

    public Task PutProductAsync(ProductSpec product) => grains.GetGrain<IProductGrain>(product.Sku)
        .Put(new ProductDetails(product.Name, "Load-test item", "load-test", null, product.ListPrices.ToImmutableDictionary()));

    public async Task CreateSaleAsync(SaleSpec sale)
    {
        var items = sale.Items.Select(i => new SaleItem(i.Sku, i.Stock, i.PerCustomerLimit, i.SalePrices.ToImmutableDictionary(), SaleRules.ShardCountFor(i.Stock, SaleRules.ShardsPerItemFor(silos: 1))));
        var outcome = await grains.GetGrain<ISaleGrain>(sale.Id).Create(new SaleDefinition(
            sale.Id, sale.Name, sale.StartsAt, sale.EndsAt, [.. sale.Regions], sale.HoldMinutes, [.. items]));
        if (outcome == CreateSaleOutcome.IdTaken)
        {
            throw new InvalidOperationException($"Sale '{sale.Id}' exists already.");
        }
    }

    public async Task CreatePromoAsync(PromoSpec promo)
    {
        var created = await grains.GetGrain<IPromoCodeGrain>(PromoRules.Normalize(promo.Code)).Create(new PromoDefinition(
            PromoRules.Normalize(promo.Code), PromoKind.Percent, promo.Percent, ImmutableDictionary<string, decimal>.Empty, promo.MaxRedemptions,
            promo.PerCustomerLimit, null, null, [], ImmutableDictionary<string, decimal>.Empty, [], [], true, PromoRules.AllowanceShardsFor(promo.MaxRedemptions, SaleRules.ShardsPerItemFor(silos: 1))));
        if (!created)
        {
            throw new InvalidOperationException($"Promo code '{promo.Code}' exists already.");
        }
    }

    public Task<(Answer, Shopper?)> SignInAsync(string email) =>
        Task.FromResult<(Answer, Shopper?)>((Answer.Ok(), new Shopper(SaleRules.CustomerIdFor(email), null)));

    public Task<Answer> ListSalesAsync(string region) => Guard(async () =>
    {
        var reads = grains.Pricing();
        await reads.GetRegions();
        await reads.GetSales();
        return Answer.Ok();
    });

    public Task<Answer> GetSaleAsync(string saleId, string region) => Guard(async () =>
        await grains.Pricing().GetSale(saleId) is null ? new Answer(404, "not-found") : Answer.Ok());

    public Task<Answer> QuoteAsync(OrderLine line) => Guard(async () =>
    {
        var answer = await grains.Pricing().Quote(new QuoteRequest(line.SaleId, line.Sku, line.Quantity, line.Region, line.PromoCode));
        return answer.Refusal switch
        {
            QuoteRefusal.None => Answer.Ok(),
            QuoteRefusal.UnknownRegion or QuoteRefusal.NotSoldInRegion => new Answer(400, "validation"),
            _ => new Answer(404, "not-found"),
        };
    });

    public async Task<(Answer, string?)> PlaceOrderAsync(Shopper shopper, string idempotencyKey, OrderLine line)
    {
        string? orderId = null;
        var answer = await Guard(async () =>
        {
            var result = await orders.Place(shopper.CustomerId, idempotencyKey, new OrderRequest(line.SaleId, line.Sku, line.Quantity, line.Region, line.PromoCode));
            orderId = result.Order?.OrderId;
            return OrderRefusals.For(OrderStep.Place, result.Outcome) is { } refusal ? new Answer(refusal.Status, refusal.Slug) : new Answer(201);
        });
        return (answer, answer.Success ? orderId : null);
    }

    public Task<Answer> PayAsync(Shopper shopper, string orderId) => Guard(async () =>
        AnswerTo(OrderStep.Pay, (await orders.Pay(shopper.CustomerId, orderId)).Outcome));

    public Task<Answer> CancelAsync(Shopper shopper, string orderId) => Guard(async () =>
        AnswerTo(OrderStep.Cancel, (await orders.Cancel(shopper.CustomerId, orderId)).Outcome));

    private static Answer AnswerTo(OrderStep step, OrderOutcome outcome) =>
        OrderRefusals.For(step, outcome) is { } refusal ? new Answer(refusal.Status, refusal.Slug) : Answer.Ok();

    public Task<Answer> GetTimelineAsync(Shopper shopper, string orderId) => Guard(async () =>
        (await grains.GetGrain<FlashSale.Marketplace.IOrderFulfilmentGrain>(orderId).Get(shopper.CustomerId)).Outcome switch
        {
            FlashSale.Marketplace.JourneyOutcome.Done => Answer.Ok(),
            FlashSale.Marketplace.JourneyOutcome.NotPaid => new Answer(409, "order-not-paid"),
            _ => new Answer(404, "not-found"),
        });

    public Task<Answer> GetReviewsAsync(string sku) => Guard(async () =>
    {
        var reviews = grains.GetGrain<FlashSale.Marketplace.IProductReviewsGrain>(sku);
        await reviews.GetReviews(includeHidden: false, FlashSale.Marketplace.ReviewRules.Listed);
        await grains.Pricing().GetRating(sku);
        return Answer.Ok();
    });

    public async Task<string?> GetOrderStatusAsync(Shopper shopper, string orderId) =>
        await orders.GetOrder(shopper.CustomerId, orderId) is { } order ? order.Status.ToString().ToLowerInvariant() : null;

    public async Task<IReadOnlyList<ItemStats>> GetStatsAsync(string saleId)
    {
        var snapshot = await grains.GetGrain<ISaleGrain>(saleId).GetSnapshot() ?? throw new InvalidOperationException($"No sale '{saleId}'.");
        return snapshot.Items.Select(i => new ItemStats(saleId, i.Sku, i.Stock, i.Sold, i.Held, i.Available, i.Allocated, i.InTransfer)).ToList();
    }

    /// <summary>Group-commit writes and the requests they covered, summed over the given sales' items (all their shards).</summary>
    public async Task<(long Batches, long Requests)> GetBatchCountsAsync(IEnumerable<string> saleIds)
    {
        var snapshots = await Task.WhenAll(saleIds.Select(id => grains.GetGrain<ISaleGrain>(id).GetSnapshot()));
        var items = snapshots.Where(s => s is not null).SelectMany(s => s!.Items).ToList();
        return (items.Sum(i => i.Batches), items.Sum(i => i.BatchedRequests));
    }

    public async Task<PromoStats?> GetPromoAsync(string code) =>
        await grains.GetGrain<IPromoCodeGrain>(PromoRules.Normalize(code)).GetRules() is { } promo
            ? new PromoStats(code, promo.Definition.MaxRedemptions, promo.Counts.Redeemed, promo.Counts.Held)
            : null;

    public async ValueTask DisposeAsync()
    {
        await silo.StopAsync();
        silo.Dispose();
        await cleanUp();
    }

    /// <summary>What the web front's exception handler makes of a fault: storage that did not confirm is 503 outcome-unknown.</summary>
    private static async Task<Answer> Guard(Func<Task<Answer>> call)
    {
        try
        {
            return await call();
        }
        catch (StorageOutcomeUnknownException)
        {
            return new Answer(503, "outcome-unknown");
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or SiloUnavailableException)
        {
            return new Answer(503, "unavailable");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
