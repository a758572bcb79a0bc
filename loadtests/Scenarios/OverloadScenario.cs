using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Measures;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// More shoppers than the platform lets through: one hot item in a sale whose waiting room admits half the arrival
/// rate (or <c>--admit-per-second</c>). Each new shopper's first answer (<c>arrive</c>) is a hold, a place in line, sold
/// out or overloaded; one with a place waits for the turn it was given and comes back with its ticket (<c>turn</c>).
/// <c>eta-error</c> is how far each turn came from the wait first estimated; <c>admitted</c> is the answer that gave a
/// shopper the hold. With <c>--rate 2x</c> it first measures the platform's maximum (holds a second, a short closed-loop
/// probe on a sale without a room, or <c>--max-rate</c>), lets that many a second through the room and sends twice as
/// many. Its figures: goodput, fast refusals, p99 of every answer and of admitted shoppers, queue order, ETA error.
/// Over HTTP only: the room is at the front end.
/// </summary>
public sealed class OverloadScenario : Scenario
{
    private const int ProbeBuyers = 128;
    private static readonly TimeSpan ProbeWarm = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeMeasured = TimeSpan.FromSeconds(3);

    private readonly LineOrder order = new();
    private long arrivals;
    private long fastRefusals;
    private long definiteInTime;
    private long goodAdmissions;
    private long leftInLine;
    private long firstArrival;
    private int admitPerSecond;
    private PrometheusHistogram.Reading? platformBefore;

    /// <summary>The platform's own timing of the order answers it gave (ASP.NET Core's request duration, at /metrics).</summary>
    private const string AnswerTimes = "http_server_request_duration_seconds";

    private static bool OrderAnswers(string labels) =>
        labels.Contains("http_route=\"/api/orders/\"", StringComparison.Ordinal) && labels.Contains("http_request_method=\"POST\"", StringComparison.Ordinal);

    public override string Name => "overload";
    public override string Description => "more shoppers than admitted: a waiting room lets half the arrival rate through (or the measured maximum with --rate 2x), the rest wait their turn";

    /// <summary>Every shopper's first answer: what the platform does with more arrivals than it lets through.</summary>
    public override string KeyStep => "arrive";

    public override bool MeasuresItsMaximum => true;

    public override IReadOnlyList<string> MetricNames =>
    [
        "max-rate", "arrival-rate", "admit-per-second", "goodput", "goodput-per-second", "fast-refusal-share", "definite-in-slo-share",
        "p99-all-ms", "p99-admitted-ms", "order-violations", "left-in-line", "eta-error-p50-ms", "eta-error-p99-ms",
        "send-lag-p99-ms", "platform-in-slo-share", "platform-p99-bound-ms",
    ];

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("arrive", "sold-out", "overloaded", "waiting-room-full"), new StepSpec("turn", "sold-out", "overloaded"),
            new StepSpec("admitted"), new StepSpec("eta-error"), new StepSpec("send-lag"));

    /// <summary>Steady arrivals at the level: the point is a known multiple of the maximum, not a burst.</summary>
    public override IReadOnlyList<Stage> DefaultStages(double level, double seconds) => [new(StageKind.Hold, seconds, level)];

    public override async Task SetupAsync(RunContext run)
    {
        if (run.Target is not HttpTarget http)
        {
            throw new UsageException("overload drives a waiting room, which is at the front end: run it with --target.");
        }
        var sku = $"LT-OVER-{run.RunId}";
        await PutProductsAsync(run, [sku], "Queued sneaker", 120m);
        var sale = await CreateSaleAsync(run, $"lt-over-{run.RunId}", "Load test: overload", [(sku, run.Stock ?? 1_000_000, 1)], 120m);
        if (run.RateTimesMax is { } times)
        {
            run.MaxRate ??= await ProbeMaximumAsync(run, http);
            run.Level = times * run.MaxRate.Value;
            run.Log($"maximum: {run.MaxRate:N0} holds/s; arrivals at {times:0.##}x: {run.Level:N0}/s");
        }
        // At a multiple of the maximum the room lets the maximum through; otherwise half the arrivals.
        admitPerSecond = run.AdmitPerSecond ?? (int)Math.Max(1, Math.Round(run.MaxRate is { } max && run.RateTimesMax is not null ? max : run.Level / 2));
        await http.SetWaitingRoomAsync(sale.Id, admitPerSecond);
        run.Log($"waiting room: {admitPerSecond:N0} shoppers a second let through");
        // Front ends follow a room's change within a second (their sale readings are that fresh).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        // No order answered yet (no series yet) is a reading of nothing; no /metrics is no reading.
        platformBefore = await ScrapeAsync(http) is { } text
            ? PrometheusHistogram.Parse(text, AnswerTimes, OrderAnswers) ?? new PrometheusHistogram.Reading(0, 0, new Dictionary<double, long>())
            : null;
    }

    private static async Task<string?> ScrapeAsync(HttpTarget http)
    {
        try
        {
            return await http.GetMetricsTextAsync();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// The platform's maximum: holds a second acknowledged by <see cref="ProbeBuyers"/> shoppers each waiting for their
    /// answer (closed loop), on a sale of its own without a room, over the last <see cref="ProbeMeasured"/> of the probe.
    /// Its orders are acknowledged like any other and checked with the run's.
    /// </summary>
    private static async Task<double> ProbeMaximumAsync(RunContext run, HttpTarget http)
    {
        var sku = $"LT-PROBE-{run.RunId}";
        await PutProductsAsync(run, [sku], "Probe sneaker", 120m);
        var sale = await CreateSaleAsync(run, $"lt-probe-{run.RunId}", "Load test: maximum probe", [(sku, 1_000_000, 1)], 120m);
        await Task.Delay(TimeSpan.FromSeconds(0.6));
        run.Log($"measuring the maximum: {ProbeBuyers} shoppers holding as fast as answered for {(ProbeWarm + ProbeMeasured).TotalSeconds:0} s...");
        var clock = Stopwatch.StartNew();
        long counted = 0;
        await Task.WhenAll(Enumerable.Range(0, ProbeBuyers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < ProbeWarm + ProbeMeasured)
            {
                var (_, shopper) = await run.Target.SignInAsync(run.NextEmail());
                if (shopper is null)
                {
                    continue;
                }
                var line = new OrderLine(sale.Id, sku, 1, RunContext.RandomRegion(), null);
                var (answer, orderId) = await http.PlaceOrderAsync(shopper, Guid.NewGuid().ToString("N"), line);
                if (orderId is not null)
                {
                    run.Ledger.Acknowledge(orderId, shopper, line);
                    if (clock.Elapsed > ProbeWarm && clock.Elapsed <= ProbeWarm + ProbeMeasured)
                    {
                        Interlocked.Increment(ref counted);
                    }
                }
                else if (answer.Status is 0 or >= 500)
                {
                    run.Ledger.HoldUnknown();
                }
            }
        })));
        return Math.Max(1, counted / ProbeMeasured.TotalSeconds);
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        var http = (HttpTarget)run.Target;
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var measured = iteration.Phase.Name == "candidate";
        var (saleId, item) = run.Items[0];
        var line = new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), null);
        var key = Guid.NewGuid().ToString("N");
        LinePlace? place = null;
        string? orderId = null;
        var arrivedAt = DateTimeOffset.UtcNow;
        if (measured)
        {
            Interlocked.CompareExchange(ref firstArrival, arrivedAt.UtcTicks, 0);
            Interlocked.Increment(ref arrivals);
        }
        // How late this tool sends the arrival after its scheduled time (its own share of the CPU; counted in "arrive").
        iteration.Measure("send-lag", Stopwatch.GetElapsedTime(iteration.Scheduled), Answer.Ok());
        var first = await iteration.Step("arrive", async () =>
        {
            var (answer, id, given) = await http.EnterAsync(shopper, key, line, null);
            (orderId, place) = (id, given);
            return answer;
        });
        var answeredAt = DateTimeOffset.UtcNow;
        if (measured)
        {
            CountArrival(first, iteration.LastLatency <= run.Slo);
        }
        if (orderId is not null)
        {
            Admit(iteration, run, measured, arrivedAt, answeredAt, answeredAt);
        }
        if (place is not null)
        {
            var placedAt = DateTimeOffset.UtcNow;
            var estimate = place.AdmitAt - placedAt;
            if (estimate > TimeSpan.Zero)
            {
                await Task.Delay(estimate);
            }
            iteration.Rest();
            // The same order (same key) with the ticket; a turn that is not quite there yet waits again.
            var last = default(Answer);
            for (var attempt = 0; attempt < 5 && place is not null; attempt++)
            {
                var ticket = place.Ticket;
                var turn = place.AdmitAt;
                LinePlace? again = null;
                last = await iteration.Step("turn", async () =>
                {
                    var (answer, id, given) = await http.EnterAsync(shopper, key, line, ticket);
                    (orderId, again) = (id, given);
                    return answer;
                });
                place = again;
                if (orderId is not null)
                {
                    // Let in on the turn the line gave (the ticket's), whenever this shopper's timer brought them back.
                    Admit(iteration, run, measured, arrivedAt, answeredAt, turn);
                }
                else if (place is not null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, (place.AdmitAt - DateTimeOffset.UtcNow).TotalSeconds)));
                    iteration.Rest();
                }
            }
            if (orderId is not null)
            {
                iteration.Measure("eta-error", (DateTimeOffset.UtcNow - placedAt - estimate).Duration(), Answer.Ok());
            }
            else if (measured && last.Problem != "sold-out")
            {
                Interlocked.Increment(ref leftInLine);
            }
        }
        if (orderId is not null)
        {
            run.Ledger.Acknowledge(orderId, shopper, line);
        }
        else if (first.Status is 0 or >= 500 && first.Problem is not ("overloaded" or "waiting-room-full"))
        {
            run.Ledger.HoldUnknown();
        }
    }

    private void CountArrival(Answer answer, bool inTime)
    {
        // A definite answer: the hold, a place in line, sold out or not live, or "come back later" with Retry-After.
        var refusal = answer.Status == 202 || answer.Problem is "sold-out" or "sale-not-live" or "overloaded" or "waiting-room-full";
        if (inTime && refusal)
        {
            Interlocked.Increment(ref fastRefusals);
        }
        if (inTime && (refusal || answer.Status == 201))
        {
            Interlocked.Increment(ref definiteInTime);
        }
    }

    private void Admit(Iteration iteration, RunContext run, bool measured, DateTimeOffset sentAt, DateTimeOffset answeredAt, DateTimeOffset admittedAt)
    {
        iteration.Measure("admitted", iteration.LastLatency, Answer.Ok(201));
        if (measured)
        {
            order.Admitted(sentAt, answeredAt, admittedAt);
            if (iteration.LastLatency <= run.Slo)
            {
                Interlocked.Increment(ref goodAdmissions);
            }
        }
    }

    public override async Task<IReadOnlyList<ScenarioMetric>> FinishAsync(RunContext run, Phase candidate)
    {
        // The platform's own view: how long it took over the order answers it gave, from when the request reached the
        // application (what queued before, in the kernel, in Kestrel or in this tool, is not in it).
        var platform = platformBefore is { } before && PrometheusHistogram.Parse(await ScrapeAsync((HttpTarget)run.Target), AnswerTimes, OrderAnswers) is { } after
            ? after.Since(before)
            : null;
        var seconds = candidate.ActiveSeconds;
        var slo = run.Slo.TotalMilliseconds;
        var arrived = Interlocked.Read(ref arrivals);
        var max = run.MaxRate;
        // Goodput: holds answered within the SLO, over the window the arrivals ran (the line's tail after it is not counted).
        var start = new DateTimeOffset(Interlocked.Read(ref firstArrival), TimeSpan.Zero);
        var good = Interlocked.Read(ref goodAdmissions);
        var inWindow = firstArrival == 0 ? 0 : Math.Min(good, order.AdmittedBetween(start, start.AddSeconds(seconds)));
        var goodPerSecond = seconds > 0 ? inWindow / seconds : 0;
        var all = new HdrHistogram.LongHistogram(1, StepMetrics.HighestMicros, 3);
        all.Add(candidate.Steps["arrive"].Total);
        all.Add(candidate.Steps["turn"].Total);
        var eta = candidate.Steps["eta-error"].Total;
        double Ms(HdrHistogram.HistogramBase h, double p) => h.TotalCount == 0 ? 0 : h.GetValueAtPercentile(p) / 1000.0;
        double Share(long n) => arrived == 0 ? 0 : (double)n / arrived;
        var admitted = candidate.Steps["admitted"];
        IReadOnlyList<ScenarioMetric> figures =
        [
            new("max-rate", max ?? double.NaN, "holds/s", max is null ? "not measured (use --rate 2x or --max-rate)" : run.RateTimesMax is null ? "given" : "measured or given before the run"),
            new("arrival-rate", seconds > 0 ? arrived / seconds : 0, "shoppers/s", $"{arrived:N0} arrivals in {seconds:0.#} s"),
            new("admit-per-second", admitPerSecond, "shoppers/s", "the waiting room's rate"),
            new("goodput", max is { } m ? goodPerSecond / m : double.NaN, "of max",
                $"{inWindow:N0} holds answered within {slo:0} ms while arrivals ran, {goodPerSecond:N0}/s" + (max is { } mm ? $" of a maximum of {mm:N0}/s" : "")),
            new("goodput-per-second", goodPerSecond, "holds/s", $"holds answered within {slo:0} ms while arrivals ran"),
            new("fast-refusal-share", Share(Interlocked.Read(ref fastRefusals)), "of arrivals",
                $"first answers within {slo:0} ms that were a place in line, sold out or 503 with Retry-After"),
            new("definite-in-slo-share", Share(Interlocked.Read(ref definiteInTime)), "of arrivals",
                $"first answers within {slo:0} ms that were definite (a hold, a place in line, sold out, 503 with Retry-After)"),
            new("p99-all-ms", Ms(all, 99), "ms", $"every answer (arrive and turn), {all.TotalCount:N0}"),
            new("p99-admitted-ms", admitted.Percentile(99), "ms", $"the answer that gave the hold, {admitted.Count:N0} shoppers"),
            new("order-violations", order.Violations(), "shoppers",
                $"let in before one whose place was answered >= 1 s before they sent, of {order.Count:N0} let in (on a turn: the ticket's admitAt; straight through: the answer)" +
                (order.NotKept > 0 ? $"; {order.NotKept:N0} not kept" : "")),
            new("left-in-line", Interlocked.Read(ref leftInLine), "shoppers", "placed in line, neither let in nor told sold out after five tries"),
            new("eta-error-p50-ms", Ms(eta, 50), "ms", "|wait observed - wait estimated| for shoppers let in on their turn"),
            new("eta-error-p99-ms", Ms(eta, 99), "ms", "|wait observed - wait estimated|"),
            new("send-lag-p99-ms", candidate.Steps["send-lag"].Percentile(99), "ms", "how late this tool sent arrivals after their scheduled time (counted in arrive)"),
            new("platform-in-slo-share", platform?.ShareAtOrUnder(run.Slo.TotalSeconds) ?? double.NaN, "of order answers",
                platform is null ? "not measured (no /metrics)" : $"POST /api/orders answered by the platform within {slo:0} ms as it timed them, of {platform.Count:N0} (its /metrics; time queued before it is not in it)"),
            new("platform-p99-bound-ms", platform?.BoundOf(0.99) is { } bound ? bound * 1000 : double.NaN, "ms",
                platform is null ? "not measured" : "the platform's own p99 of order answers, as the bucket bound at or above it"),
        ];
        return figures;
    }
}
