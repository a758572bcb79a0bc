using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>The storefront's reads: the list of live sales and one sale's page, in every market's currency.</summary>
public sealed class PriceReadsScenario : Scenario
{
    public override string Name => "price-reads";
    public override string Description => "storefront reads across regions: 70 % the sales list, 30 % one sale's page (3 sales of 20 items)";
    public override string KeyStep => "sales-list";
    public override BaselineKind DefaultBaseline => BaselineKind.Plain;

    public override IReadOnlyList<StepSpec> Steps(bool signIn) => [new StepSpec("sales-list"), new StepSpec("sale-page")];

    public override IReadOnlyList<Stage> DefaultStages(double level, double seconds) =>
    [
        new(StageKind.Ramp, seconds * 0.1, level),
        new(StageKind.Hold, seconds * 0.9, level),
    ];

    public override async Task SetupAsync(RunContext run)
    {
        var skus = Enumerable.Range(1, 60).Select(n => $"LT-READ-{n:00}").ToList();
        await PutProductsAsync(run, skus, "Storefront item", 60m);
        for (var s = 0; s < 3; s++)
        {
            await CreateSaleAsync(run, $"lt-reads-{run.RunId}-{s}", $"Load test: storefront {s + 1}", skus.Skip(s * 20).Take(20).Select(sku => (sku, run.Stock ?? 1_000, 2)), 60m);
        }
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        var region = RunContext.RandomRegion();
        if (Random.Shared.NextDouble() < 0.7)
        {
            await iteration.Step("sales-list", () => run.Target.ListSalesAsync(region));
        }
        else
        {
            var sale = run.Sales[Random.Shared.Next(run.Sales.Count)];
            await iteration.Step("sale-page", () => run.Target.GetSaleAsync(sale.Id, region));
        }
    }
}
