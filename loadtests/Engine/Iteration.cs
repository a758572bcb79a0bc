namespace FlashSale.LoadTests.Engine;

/// <summary>
/// One shopper's pass through a scenario. The first step's latency counts from the moment the shopper was
/// scheduled to arrive (coordinated omission: time spent waiting for the tool or the server is not hidden).
/// </summary>
public sealed class Iteration(Phase phase, long scheduledTimestamp)
{
    private long startOfNextStep = scheduledTimestamp;

    public Phase Phase { get; } = phase;

    /// <summary>How long the last step took, as recorded (from the scheduled arrival for the first).</summary>
    public TimeSpan LastLatency { get; private set; }

    /// <summary>When the shopper was scheduled to arrive (Stopwatch timestamp).</summary>
    public long Scheduled { get; } = scheduledTimestamp;

    /// <summary>The shopper was away (waiting in line): the next step's latency counts from now.</summary>
    public void Rest() => startOfNextStep = Stopwatch.GetTimestamp();

    /// <summary>Records a measured span that is no request of its own (e.g. how far a turn came from its estimate).</summary>
    public void Measure(string name, TimeSpan span, Answer answer) =>
        Phase.Steps[name].Record((long)(span.TotalSeconds * Stopwatch.Frequency), answer);

    public async Task<Answer> Step(string name, Func<Task<Answer>> call)
    {
        var start = startOfNextStep;
        Answer answer;
        try
        {
            answer = await call();
        }
        catch (Exception exception)
        {
            answer = Answer.Failure(exception);
        }
        var end = Stopwatch.GetTimestamp();
        Phase.Steps[name].Record(end - start, answer);
        LastLatency = Stopwatch.GetElapsedTime(start, end);
        startOfNextStep = end;
        return answer;
    }

    /// <summary>A step that also yields a value (an order id, a token) when it succeeded.</summary>
    public async Task<(Answer Answer, T? Value)> Step<T>(string name, Func<Task<(Answer, T?)>> call)
    {
        T? value = default;
        var answer = await Step(name, async () =>
        {
            var (a, v) = await call();
            value = v;
            return a;
        });
        return (answer, value);
    }
}
