using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;
using FlashSale.Sales;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// One item, every shopper new and after one unit, a burst at the start second. Compared with a plain endpoint,
/// shoppers return instead: each signs in once and holds up to the per-customer limit.
/// </summary>
public sealed class HotSkuScenario : Scenario
{
    public override string Name => "hot-sku";
    public override string Description => "one hot item, many new shoppers each holding one unit; burst at the start second";

    public override bool HasReturningShoppers => true;

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("hold", "sold-out"));

    public override int? StockForComparison(double holdsPerSecondAtMost, double seconds) =>
        (int)Math.Min(int.MaxValue / 2, Math.Ceiling(holdsPerSecondAtMost * seconds) + 1_000);

    public override async Task SetupAsync(RunContext run)
    {
        var sku = $"LT-HOT-{run.RunId}";
        await PutProductsAsync(run, [sku], "Hot sneaker", 120m);
        var limit = run.Returning is null ? 1 : SaleRules.MaxPerCustomerLimit;
        await CreateSaleAsync(run, $"lt-hot-{run.RunId}", "Load test: hot item", [(sku, run.Stock ?? 100_000, limit)], 120m);
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        var (saleId, item) = run.Items[0];
        var line = new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), null);
        if (run.Returning is { } returning)
        {
            if (await returning.TakeAsync(() => SignInAsync(iteration, run)) is { } regular)
            {
                await HoldAsync(iteration, run, regular.Shopper, line);
                returning.Return(regular);
            }
            return;
        }
        if (await SignInAsync(iteration, run) is { } shopper)
        {
            await HoldAsync(iteration, run, shopper, line);
        }
    }
}
