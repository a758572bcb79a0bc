using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// A sale day: shoppers browse, quote (some with the day's code), hold, then most pay, some cancel and some walk
/// away; the start is a spike that settles down. After paying, half the shoppers read their order's timeline, and one
/// in five reads the reviews of the item (the marketplace's post-payment traffic, measured with the rest).
/// </summary>
public sealed class SaleDayScenario : Scenario
{
    private const int ItemCount = 20;
    private readonly ItemPicker picker = ItemPicker.Zipf(ItemCount, 1.0);

    public override string Name => "sale-day";
    public override string Description => "browse, quote, hold, then 70 % pay, 10 % cancel, 20 % walk away; 20 items (Zipf), 30 % with a shared code; after paying, 50 % read the order's timeline, 20 % the item's reviews; spike at the start";

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("browse"), new StepSpec("quote"), new StepSpec("hold", "sold-out", "limit-exceeded", "promo-rejected"),
            new StepSpec("pay"), new StepSpec("cancel"), new StepSpec("timeline"), new StepSpec("reviews"));

    public override IReadOnlyList<Stage> DefaultStages(double level, double seconds) =>
    [
        new(StageKind.Spike, seconds * 0.1, level * 4),
        new(StageKind.Ramp, seconds * 0.2, level),
        new(StageKind.Hold, seconds * 0.7, level),
    ];

    public override async Task SetupAsync(RunContext run)
    {
        var skus = Enumerable.Range(1, ItemCount).Select(n => $"LT-DAY-{n:00}").ToList();
        await PutProductsAsync(run, skus, "Sale-day item", 90m);
        await CreateSaleAsync(run, $"lt-day-{run.RunId}", "Load test: sale day", skus.Select(sku => (sku, run.Stock ?? 2_000, 2)), 90m);
        await CreatePromoAsync(run, new PromoSpec($"LT-DAY-{run.RunId}", 15m, run.PromoCap ?? 1_000, 1));
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var region = RunContext.RandomRegion();
        await iteration.Step("browse", () => run.Target.ListSalesAsync(region));
        var (saleId, item) = run.Items[picker.Next()];
        var line = new OrderLine(saleId, item.Sku, 1, region, Random.Shared.NextDouble() < 0.3 ? run.Promos[0].Code : null);
        await iteration.Step("quote", () => run.Target.QuoteAsync(line));
        if (await HoldAsync(iteration, run, shopper, line) is not { } order)
        {
            return;
        }
        var next = Random.Shared.NextDouble();
        if (next < 0.7)
        {
            if ((await PayAsync(iteration, run, shopper, order)).Success)
            {
                await AfterPaymentAsync(iteration, run, shopper, order.OrderId, item.Sku);
            }
        }
        else if (next < 0.8)
        {
            await CancelAsync(iteration, run, shopper, order);
        }
    }

    /// <summary>What a shopper does after paying: looks at the order's timeline, and sometimes at the item's reviews.</summary>
    private static async Task AfterPaymentAsync(Iteration iteration, RunContext run, Targets.Shopper shopper, string orderId, string sku)
    {
        var roll = Random.Shared.NextDouble();
        if (roll < 0.5)
        {
            await iteration.Step("timeline", () => run.Target.GetTimelineAsync(shopper, orderId));
        }
        if (roll < 0.2)
        {
            await iteration.Step("reviews", () => run.Target.GetReviewsAsync(sku));
        }
    }

    public override string BaselineSku(RunContext run) => run.Items[picker.Next()].Item.Sku;
}
