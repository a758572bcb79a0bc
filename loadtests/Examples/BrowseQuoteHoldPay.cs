using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Examples;

/// <summary>A scenario of one's own: browse two sales, quote with a code, hold, pay.</summary>
public sealed class BrowseQuoteHoldPay : Scenario
{
    public override string Name => "browse-quote-hold-pay";
    public override string Description => "browse two sales, quote with a code, hold, pay";

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new("browse"), new("quote"), new("hold", "sold-out", "promo-rejected"), new("pay"));

    public override async Task SetupAsync(RunContext run)
    {
        await PutProductsAsync(run, ["EX-BOOTS", "EX-SCARF"], "Winter", 80m);
        await CreateSaleAsync(run, $"ex-boots-{run.RunId}", "Boots", [("EX-BOOTS", run.Stock ?? 500, 1)], 80m);
        await CreateSaleAsync(run, $"ex-scarves-{run.RunId}", "Scarves", [("EX-SCARF", run.Stock ?? 500, 1)], 80m);
        await CreatePromoAsync(run, new PromoSpec($"EX-{run.RunId}", 10m, run.PromoCap ?? 1_000, 1));
    }

    public override async Task IterateAsync(Iteration shopper, RunContext run)
    {
        if (await SignInAsync(shopper, run) is not { } who)
        {
            return;
        }
        var region = RunContext.RandomRegion();
        foreach (var sale in run.Sales)
        {
            await shopper.Step("browse", () => run.Target.GetSaleAsync(sale.Id, region));
        }
        var (saleId, item) = run.Items[Random.Shared.Next(run.Items.Count)];
        var line = new OrderLine(saleId, item.Sku, 1, region, run.Promos[0].Code);
        await shopper.Step("quote", () => run.Target.QuoteAsync(line));
        if (await HoldAsync(shopper, run, who, line) is { } order)
        {
            await PayAsync(shopper, run, who, order);
        }
    }
}
