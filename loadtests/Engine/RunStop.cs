namespace FlashSale.LoadTests.Engine;

/// <summary>
/// Asks a run to stop early: no new arrivals, answers on their way drained, then the invariant check and the
/// reports as after a full run. The first reason given is the one reported.
/// </summary>
public sealed class RunStop : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private string? reason;

    public CancellationToken Token => stop.Token;
    public bool Requested => Reason is not null;
    public string? Reason => Volatile.Read(ref reason);

    /// <summary>Whether the run was stopped because a threshold was missed (--abort-on-fail), not by a signal.</summary>
    public bool ByThreshold { get; private set; }

    public void Request(string why) => Request(why, byThreshold: false);

    public void RequestForThreshold(string why) => Request(why, byThreshold: true);

    private void Request(string why, bool byThreshold)
    {
        if (Interlocked.CompareExchange(ref reason, why, null) is null)
        {
            ByThreshold = byThreshold;
            stop.Cancel();
        }
    }

    public void Dispose() => stop.Dispose();
}
