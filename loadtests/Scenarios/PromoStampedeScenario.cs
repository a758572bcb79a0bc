using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>Everyone types the same code: quote with it, then hold with it, until its cap runs out.</summary>
public sealed class PromoStampedeScenario : Scenario
{
    public override string Name => "promo-stampede";
    public override string Description => "one item, one shared promo code with a cap: every shopper quotes and holds with it";

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("quote"), new StepSpec("hold", "sold-out", "promo-rejected"));

    public override async Task SetupAsync(RunContext run)
    {
        var sku = $"LT-PROMO-{run.RunId}";
        await PutProductsAsync(run, [sku], "Headphones", 80m);
        await CreateSaleAsync(run, $"lt-promo-{run.RunId}", "Load test: promo stampede", [(sku, run.Stock ?? 100_000, 1)], 80m);
        await CreatePromoAsync(run, new PromoSpec($"LT-STAMPEDE-{run.RunId}", 20m, run.PromoCap ?? 2_000, 1));
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var (saleId, item) = run.Items[0];
        var line = new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), run.Promos[0].Code);
        await iteration.Step("quote", () => run.Target.QuoteAsync(line));
        await HoldAsync(iteration, run, shopper, line);
    }
}
