namespace FlashSale.LoadTests.Engine;

/// <summary>
/// One side of a run: the platform under test ("candidate") or the naive baseline. Its steps are measured
/// apart; <see cref="KeyStep"/> is the one ratios and thresholds look at (holds, purchases, reads).
/// </summary>
public sealed class Phase
{
    private long dropped;
    private long started;
    private long crashed;

    public Phase(string name, string keyStep, IEnumerable<StepSpec> steps, Func<Iteration, Task> iteration)
    {
        Name = name;
        KeyStep = keyStep;
        Steps = steps.ToDictionary(s => s.Name, s => new StepMetrics(name, s));
        Iteration = iteration;
    }

    public string Name { get; }
    public string KeyStep { get; }
    public IReadOnlyDictionary<string, StepMetrics> Steps { get; }
    public Func<Iteration, Task> Iteration { get; }
    public double ActiveSeconds { get; private set; }

    /// <summary>Each slice this phase ran: when it began (seconds since the run began) and how long its load lasted.</summary>
    public List<(double Start, double Seconds)> Slices { get; } = [];

    /// <summary>Arrivals the open model could not start because too many were still waiting.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public long Started => Interlocked.Read(ref started);

    /// <summary>Iterations that ended in an exception of the scenario's own code (a bug of the tool, shown, not hidden).</summary>
    public long Crashed => Interlocked.Read(ref crashed);

    public StepMetrics Key => Steps[KeyStep];

    /// <summary>Answers the scenario expects: done, or refused the way the shop refuses (the result line's ok=).</summary>
    public long Ok => Steps.Values.Sum(s => s.Ok + s.Refused);
    public long Failed => Steps.Values.Sum(s => s.Failed);

    public void CountDropped() => Interlocked.Increment(ref dropped);
    public void CountStarted() => Interlocked.Increment(ref started);
    public void CountCrashed() => Interlocked.Increment(ref crashed);

    public void AddSlice(double start, double seconds)
    {
        Slices.Add((start, seconds));
        ActiveSeconds += seconds;
        foreach (var step in Steps.Values)
        {
            step.ActiveSeconds = ActiveSeconds;
        }
    }

    /// <summary>All steps' latencies in one histogram (for the run's p50/p99).</summary>
    public HdrHistogram.LongHistogram AllLatencies()
    {
        var all = new HdrHistogram.LongHistogram(1, StepMetrics.HighestMicros, 3);
        foreach (var step in Steps.Values)
        {
            all.Add(step.Total);
        }
        return all;
    }
}
