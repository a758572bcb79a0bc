using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>One item, every shopper new and after one unit, a burst at the start second.</summary>
public sealed class HotSkuScenario : Scenario
{
    public override string Name => "hot-sku";
    public override string Description => "one hot item, many new shoppers each holding one unit; burst at the start second";

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("hold", "sold-out"));

    public override async Task SetupAsync(RunContext run)
    {
        var sku = $"LT-HOT-{run.RunId}";
        await PutProductsAsync(run, [sku], "Hot sneaker", 120m);
        await CreateSaleAsync(run, $"lt-hot-{run.RunId}", "Load test: hot item", [(sku, run.Stock ?? 100_000, 1)], 120m);
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var (saleId, item) = run.Items[0];
        await HoldAsync(iteration, run, shopper, new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), null));
    }
}
