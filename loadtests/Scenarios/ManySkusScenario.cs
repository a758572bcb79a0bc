using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>1,000 items over ten sales, shoppers piling onto the best sellers (Zipf).</summary>
public sealed class ManySkusScenario : Scenario
{
    public const int ItemCount = 1_000;
    private const int ItemsPerSale = 100;
    private readonly ItemPicker picker = ItemPicker.Zipf(ItemCount, 1.1);

    public override string Name => "many-skus";
    public override string Description => "1,000 items in ten sales, item choice Zipf-skewed (s = 1.1): best sellers sell out, the tail does not";

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("hold", "sold-out"));

    public override IReadOnlyList<Stage> DefaultStages(double level, double seconds) =>
    [
        new(StageKind.Ramp, seconds * 0.1, level),
        new(StageKind.Hold, seconds * 0.9, level),
    ];

    public override async Task SetupAsync(RunContext run)
    {
        var skus = Enumerable.Range(1, ItemCount).Select(n => $"LT-SKU-{n:0000}").ToList();
        await PutProductsAsync(run, skus, "Catalog item", 40m);
        for (var s = 0; s < ItemCount / ItemsPerSale; s++)
        {
            await CreateSaleAsync(run, $"lt-many-{run.RunId}-{s}", $"Load test: many items {s + 1}",
                skus.Skip(s * ItemsPerSale).Take(ItemsPerSale).Select(sku => (sku, run.Stock ?? 500, 2)), 40m);
        }
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var (saleId, item) = run.Items[picker.Next()];
        await HoldAsync(iteration, run, shopper, new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), null));
    }

    public override string BaselineSku(RunContext run) => run.Items[picker.Next()].Item.Sku;
}
