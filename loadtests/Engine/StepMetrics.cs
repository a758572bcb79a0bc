using HdrHistogram;

namespace FlashSale.LoadTests.Engine;

/// <summary>
/// Everything measured for one step of one phase: latencies in microseconds (an interval recorder, so the
/// per-second samples and the whole-run histogram come from the same recordings), verdict counts and answers by label.
/// </summary>
public sealed class StepMetrics(string phase, StepSpec spec)
{
    public const long HighestMicros = 120_000_000;
    private readonly Recorder recorder = new(1, HighestMicros, 3, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
    private long ok;
    private long refused;
    private long failed;
    private long lastOk;
    private long lastRefused;
    private long lastFailed;

    public string Phase { get; } = phase;
    public StepSpec Spec { get; } = spec;
    public LongHistogram Total { get; } = new(1, HighestMicros, 3);
    public List<HistogramBase> Intervals { get; } = [];
    public List<SecondSample> Samples { get; } = [];
    public ConcurrentDictionary<string, long> Answers { get; } = new();
    public long Ok => Interlocked.Read(ref ok);
    public long Refused => Interlocked.Read(ref refused);
    public long Failed => Interlocked.Read(ref failed);
    public long Count => Ok + Refused + Failed;

    /// <summary>Seconds this phase's load actually ran (slices added up), for rates.</summary>
    public double ActiveSeconds { get; set; }

    public double RatePerSecond => ActiveSeconds > 0 ? Count / ActiveSeconds : 0;
    public double OkRatePerSecond => ActiveSeconds > 0 ? Ok / ActiveSeconds : 0;

    public Verdict Record(long elapsedTicks, Answer answer)
    {
        var micros = Math.Clamp(elapsedTicks * 1_000_000 / Stopwatch.Frequency, 1, HighestMicros);
        recorder.RecordValue(micros);
        Answers.AddOrUpdate(answer.Label, 1, (_, n) => n + 1);
        var verdict = Spec.Judge(answer);
        _ = verdict switch
        {
            Verdict.Ok => Interlocked.Increment(ref ok),
            Verdict.Refused => Interlocked.Increment(ref refused),
            _ => Interlocked.Increment(ref failed),
        };
        return verdict;
    }

    /// <summary>Closes one second: its latencies go to the interval log and the total, its counts to a sample.</summary>
    public SecondSample Sample(double second, double length, double targetLevel, DateTimeOffset wallClock)
    {
        var interval = recorder.GetIntervalHistogram();
        interval.Tag = $"{Phase}.{Spec.Name}";
        interval.StartTimeStamp = wallClock.AddSeconds(-length).ToUnixTimeMilliseconds();
        interval.EndTimeStamp = wallClock.ToUnixTimeMilliseconds();
        Total.Add(interval);
        Intervals.Add(interval);
        long nowOk = Ok, nowRefused = Refused, nowFailed = Failed;
        var sample = new SecondSample(Phase, Spec.Name, second, length, nowOk - lastOk, nowRefused - lastRefused, nowFailed - lastFailed,
            Millis(interval, 50), Millis(interval, 99), interval.TotalCount == 0 ? 0 : interval.GetMaxValue() / 1000.0, targetLevel);
        (lastOk, lastRefused, lastFailed) = (nowOk, nowRefused, nowFailed);
        Samples.Add(sample);
        return sample;
    }

    public double Percentile(double percentile) => Millis(Total, percentile);

    private static double Millis(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
