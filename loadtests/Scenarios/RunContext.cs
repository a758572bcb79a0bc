using FlashSale.LoadTests.Invariants;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>What a scenario set up on the target, and where the run's acknowledgements go.</summary>
public sealed class RunContext(IShopTarget target, string runId, int? stock, int? promoCap, Action<string> log)
{
    private long shoppers;

    public IShopTarget Target { get; } = target;
    public string RunId { get; } = runId;
    public int? Stock { get; } = stock;
    public int? PromoCap { get; } = promoCap;
    public Action<string> Log { get; } = log;
    public Ledger Ledger { get; } = new();

    /// <summary>Set for a comparison with a plain endpoint: shoppers sign in once and hold many times.</summary>
    public ReturningShoppers? Returning { get; init; }

    /// <summary>The load's peak level (arrivals a second in the open model, shoppers in the closed one).</summary>
    public double Level { get; set; }

    /// <summary><c>--rate Nx</c>: the scenario measures the platform's maximum in set-up (or takes <see cref="MaxRate"/>) and sets <see cref="Level"/>.</summary>
    public double? RateTimesMax { get; init; }

    /// <summary>The platform's maximum in holds a second: given (<c>--max-rate</c>) or measured in set-up.</summary>
    public double? MaxRate { get; set; }

    /// <summary>Answers within this time count as good (goodput, fast refusals).</summary>
    public TimeSpan Slo { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Live stock streams to hold open (<c>--connections</c>).</summary>
    public int? Connections { get; init; }

    /// <summary>A waiting room's admissions a second when the run names one (<c>--admit-per-second</c>).</summary>
    public int? AdmitPerSecond { get; init; }
    public List<SaleSpec> Sales { get; } = [];
    public List<PromoSpec> Promos { get; } = [];

    /// <summary>Every (sale, item) the scenario sells, in the order item pickers index them.</summary>
    public List<(string SaleId, SaleItemSpec Item)> Items { get; } = [];

    public string NextEmail() => $"{RunId}-{Interlocked.Increment(ref shoppers)}@loadtest.example";

    public static string RandomRegion() => MarketRegion.All[Random.Shared.Next(MarketRegion.All.Count)].Code;
}
