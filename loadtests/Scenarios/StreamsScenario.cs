using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// The live stock stream at scale: thousands of shoppers' pages hold the sale's event stream open
/// (<c>--connections</c>, default 1,000) while new shoppers hold the item. It reports how late the streams saw each
/// change (from the hold's acknowledgement to the message read, p50/p99), the connections held, refused and dropped,
/// and how many saw the final stock once the holds stopped. Over HTTP only: the streams are the front end's.
/// </summary>
public sealed class StreamsScenario : Scenario
{
    private static readonly TimeSpan OpenLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FinalLimit = TimeSpan.FromSeconds(15);

    private StockWatchers? watchers;

    public override string Name => "streams";
    public override string Description => "thousands of live stock streams open while shoppers hold: delay from a hold to every stream seeing it";

    public override IReadOnlyList<string> MetricNames =>
    [
        "connections", "connections-open", "connections-refused", "connections-dropped", "saw-final-stock",
        "stream-delay-p50-ms", "stream-delay-p99-ms", "stream-delay-max-ms", "seen-before-ack-share", "first-message-p99-ms",
    ];

    public override IReadOnlyList<StepSpec> Steps(bool signIn) => AfterSignIn(signIn, new StepSpec("hold", "sold-out"));

    public override async Task SetupAsync(RunContext run)
    {
        if (run.Target is not HttpTarget http)
        {
            throw new UsageException("streams holds the front end's live stock streams open: run it with --target.");
        }
        var sku = $"LT-LIVE-{run.RunId}";
        await PutProductsAsync(run, [sku], "Watched sneaker", 120m);
        var stock = run.Stock ?? 200_000;
        var sale = await CreateSaleAsync(run, $"lt-live-{run.RunId}", "Load test: live streams", [(sku, stock, 1)], 120m);
        var connections = run.Connections ?? 1_000;
        watchers = new StockWatchers(http.BaseAddress, sale.Id, sku, stock, connections);
        run.Log($"streams: opening {connections:N0} connections to the sale's live stock...");
        await watchers.OpenAsync(Markets, OpenLimit, run.Log);
        run.Log($"streams: {watchers.Opened:N0} open, {watchers.Refused:N0} refused (503), {watchers.FailedToOpen:N0} failed");
        if (watchers.Refused > 0)
        {
            run.Log("note: streams were refused: start the platform with --FlashSale:Events:MaxStreamsPerAddress=0 (every stream comes from this one address) and a FlashSale:Events:MaxStreams above --connections.");
        }
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        var (saleId, item) = run.Items[0];
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var line = new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), null);
        if (await HoldAsync(iteration, run, shopper, line) is not null)
        {
            watchers?.Acknowledged();
        }
    }

    public override async Task<IReadOnlyList<ScenarioMetric>> FinishAsync(RunContext run, Phase candidate)
    {
        if (watchers is not { } streams)
        {
            return [];
        }
        // The holds are over: every open stream should come to show what the platform says is left.
        var final = (await run.Target.GetStatsAsync(run.Items[0].SaleId)).Single().Available;
        var waited = Stopwatch.StartNew();
        while (streams.SawAvailable(final) < streams.Opened - streams.Dropped && waited.Elapsed < FinalLimit)
        {
            await Task.Delay(100);
        }
        var saw = streams.SawAvailable(final);
        run.Log($"streams: {saw:N0} of {streams.Opened:N0} saw the final stock ({final:N0} left) within {waited.Elapsed.TotalSeconds:0.#} s of the end");
        await streams.DisposeAsync();
        double Ms(HdrHistogram.HistogramBase h, double p) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(p) / 1000.0;
        var changes = streams.Delays.TotalCount;
        return
        [
            new("connections", streams.Connections, "streams", "asked for"),
            new("connections-open", streams.Opened - streams.Dropped, "streams", "open from their first message to the end of the run"),
            new("connections-refused", streams.Refused, "streams", "503 too-many-streams"),
            new("connections-dropped", streams.Dropped + streams.FailedToOpen, "streams", $"{streams.Dropped:N0} ended or broke before the run did, {streams.FailedToOpen:N0} never opened"),
            new("saw-final-stock", saw, "streams", $"showed the final available ({final:N0}) within {FinalLimit.TotalSeconds:0} s of the last hold"),
            new("stream-delay-p50-ms", Ms(streams.Delays, 50), "ms", $"hold acknowledged -> stream message read, {changes:N0} (change, stream) pairs, {streams.Messages:N0} messages"),
            new("stream-delay-p99-ms", Ms(streams.Delays, 99), "ms", "hold acknowledged -> stream message read"),
            new("stream-delay-max-ms", Ms(streams.Delays, 100), "ms", "hold acknowledged -> stream message read"),
            new("seen-before-ack-share", changes == 0 ? 0 : (double)streams.SeenBeforeAck / changes, "of changes", "shown by the stream before the hold's answer reached the shopper (counted as 0 ms)"),
            new("first-message-p99-ms", Ms(streams.FirstMessage, 99), "ms", "connection asked -> first message (the stock as it stands)"),
        ];
    }
}
