using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>A rehearsal: what it sets up on the target, what one shopper does, and which step ratios are about.</summary>
public abstract class Scenario
{
    protected static readonly string[] Markets = [.. MarketRegion.All.Select(r => r.Code)];

    public abstract string Name { get; }
    public abstract string Description { get; }

    /// <summary>The step the vs-baseline ratio and the rate threshold look at.</summary>
    public virtual string KeyStep => "hold";

    public virtual BaselineKind DefaultBaseline => BaselineKind.Sql;

    /// <summary>The steps of one shopper; sign-in only when it is a request of its own.</summary>
    public abstract IReadOnlyList<StepSpec> Steps(bool signIn);

    /// <summary>The shape of the load when none is given: a burst at the start second, then steady.</summary>
    public virtual IReadOnlyList<Stage> DefaultStages(double level, double seconds) =>
    [
        new(StageKind.Spike, seconds * 0.1, level * 3),
        new(StageKind.Hold, seconds * 0.9, level),
    ];

    public abstract Task SetupAsync(RunContext run);

    /// <summary>Figures of the scenario's own (not one step's answers) that thresholds may name: <c>--threshold "goodput>=0.8"</c>.</summary>
    public virtual IReadOnlyList<string> MetricNames => [];

    /// <summary>Whether <c>--rate Nx</c> (a multiple of the measured maximum) means something to it.</summary>
    public virtual bool MeasuresItsMaximum => false;

    /// <summary>After the load, before the invariants: closes what the scenario held open and works out its own figures.</summary>
    public virtual Task<IReadOnlyList<ScenarioMetric>> FinishAsync(RunContext run, Phase candidate) =>
        Task.FromResult<IReadOnlyList<ScenarioMetric>>([]);

    public abstract Task IterateAsync(Iteration iteration, RunContext run);

    /// <summary>
    /// Stock per item for a comparison with a baseline when --stock is not given: enough that neither side sells out
    /// during the run (a side answering sold-out at memory speed would look slow in acknowledged holds/s). Null: the
    /// scenario's own stock (its point is selling out).
    /// </summary>
    public virtual int? StockForComparison(double holdsPerSecondAtMost, double seconds) => null;

    /// <summary>Whether its shoppers can return and hold again (comparisons with a plain endpoint): only scenarios of plain holds.</summary>
    public virtual bool HasReturningShoppers => false;

    /// <summary>The item a baseline purchase buys (the same choice the candidate's shoppers make).</summary>
    public virtual string BaselineSku(RunContext run) => run.Items[0].Item.Sku;

    /// <summary>A shopper's steps, after a sign-in step when signing in is a request of its own.</summary>
    protected static IReadOnlyList<StepSpec> AfterSignIn(bool signIn, params StepSpec[] steps) =>
        signIn ? [new StepSpec("sign-in"), .. steps] : steps;

    protected static async Task<Shopper?> SignInAsync(Iteration iteration, RunContext run)
    {
        if (!run.Target.SignInIsARequest)
        {
            return (await run.Target.SignInAsync(run.NextEmail())).Item2;
        }
        var (_, shopper) = await iteration.Step<Shopper>("sign-in", () => run.Target.SignInAsync(run.NextEmail()));
        return shopper;
    }

    /// <summary>Places an order with a fresh Idempotency-Key; an acknowledged one goes into the ledger.</summary>
    protected static async Task<Invariants.AcknowledgedOrder?> HoldAsync(Iteration iteration, RunContext run, Shopper shopper, OrderLine line)
    {
        var key = Guid.NewGuid().ToString("N");
        var (answer, orderId) = await iteration.Step<string>("hold", () => run.Target.PlaceOrderAsync(shopper, key, line));
        if (orderId is null && answer.Status is 0 or >= 500)
        {
            run.Ledger.HoldUnknown();
        }
        return orderId is null ? null : run.Ledger.Acknowledge(orderId, shopper, line);
    }

    /// <summary>Pays for an acknowledged order (the "pay" step); the ledger keeps what the platform answered for the invariant check.</summary>
    protected static async Task<Answer> PayAsync(Iteration iteration, RunContext run, Shopper shopper, Invariants.AcknowledgedOrder order)
    {
        var answer = await iteration.Step("pay", () => run.Target.PayAsync(shopper, order.OrderId));
        Invariants.Ledger.Resolve(order, answer, pay: true);
        return answer;
    }

    /// <summary>Cancels an acknowledged order (the "cancel" step), recorded in the ledger like a payment.</summary>
    protected static async Task<Answer> CancelAsync(Iteration iteration, RunContext run, Shopper shopper, Invariants.AcknowledgedOrder order)
    {
        var answer = await iteration.Step("cancel", () => run.Target.CancelAsync(shopper, order.OrderId));
        Invariants.Ledger.Resolve(order, answer, pay: false);
        return answer;
    }

    /// <summary>A shared code on the target, checked after the run (redemptions within its cap).</summary>
    protected static async Task<PromoSpec> CreatePromoAsync(RunContext run, PromoSpec promo)
    {
        await run.Target.CreatePromoAsync(promo);
        run.Promos.Add(promo);
        return promo;
    }

    /// <summary>Products in every market, list prices from a base price in euros.</summary>
    protected static async Task PutProductsAsync(RunContext run, IReadOnlyList<string> skus, string name, decimal euros)
    {
        var done = 0;
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (sku, _) =>
        {
            await run.Target.PutProductAsync(new ProductSpec(sku, $"{name} {sku}", MarketRegion.All.ToDictionary(r => r.Code, r => r.Price(euros))));
            if (Interlocked.Increment(ref done) % 250 == 0)
            {
                run.Log($"products: {done:N0}/{skus.Count:N0}");
            }
        });
    }

    /// <summary>A live sale (started a second ago, open for a day) of the given items at half the list price.</summary>
    protected static async Task<SaleSpec> CreateSaleAsync(RunContext run, string id, string name, IEnumerable<(string Sku, int Stock, int Limit)> items, decimal euros)
    {
        var now = DateTimeOffset.UtcNow;
        var sale = new SaleSpec(id, name, now.AddSeconds(-1), now.AddDays(1), Markets, 30,
            [.. items.Select(i => new SaleItemSpec(i.Sku, i.Stock, i.Limit, MarketRegion.All.ToDictionary(r => r.Code, r => r.Price(euros / 2))))]);
        await run.Target.CreateSaleAsync(sale);
        run.Sales.Add(sale);
        run.Items.AddRange(sale.Items.Select(i => (sale.Id, i)));
        return sale;
    }
}
