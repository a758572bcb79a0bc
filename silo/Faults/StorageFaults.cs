using Microsoft.Extensions.Logging;

namespace FlashSale.Silo.Faults;

/// <summary>
/// Rehearsal fault injection (FlashSale:Faults:StorageWrites, off by default): a share of grain-state writes fails on
/// purpose, half before the write reaches the database and half after it committed with the reply lost, as a database
/// failover or a dropped connection would. Seeded, so a run can be repeated; the counts show what was injected.
/// </summary>
public sealed class StorageFaults
{
    private readonly Random _random;
    private readonly double _rate;
    private long _beforeCommit;
    private long _afterCommit;

    public StorageFaults(double rate, int seed)
    {
        _rate = rate;
        _random = new Random(seed);
    }

    /// <summary>Whether faults are injected at all (a rate above zero).</summary>
    public bool Enabled => _rate > 0;

    /// <summary>Writes failed before reaching the database: nothing was stored.</summary>
    public long BeforeCommit => Interlocked.Read(ref _beforeCommit);

    /// <summary>Writes that committed and then failed: stored, but the grain was told otherwise.</summary>
    public long AfterCommit => Interlocked.Read(ref _afterCommit);

    /// <summary>Turned off for the rest of the run (a test stops injecting before it checks recovery).</summary>
    public bool Paused { get; set; }

    public FaultPoint Next()
    {
        if (!Enabled || Paused)
        {
            return FaultPoint.None;
        }
        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }
        if (roll >= _rate)
        {
            return FaultPoint.None;
        }
        if (roll < _rate / 2)
        {
            Interlocked.Increment(ref _beforeCommit);
            return FaultPoint.BeforeCommit;
        }
        Interlocked.Increment(ref _afterCommit);
        return FaultPoint.AfterCommit;
    }

    public void LogEnabled(ILogger logger)
    {
        if (Enabled)
        {
            logger.LogWarning(
                "Fault injection is ON: {Rate:P1} of storage writes fail on purpose (half before, half after committing). For rehearsals only.",
                _rate);
        }
    }
}
