using Microsoft.Extensions.Logging;

namespace FlashSale.Silo.Faults;

/// <summary>
/// Rehearsal fault injection (FlashSale:Faults:StorageWrites, off by default): a share of grain-state writes fails on
/// purpose, half before the write reaches the database and half after it committed with the reply lost, as a database
/// failover or a dropped connection would. Seeded, so a run can be repeated; the counts show what was injected.
/// </summary>
public sealed class StorageFaults : IStorageFaults
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

    public long BeforeCommit => Interlocked.Read(ref _beforeCommit);

    public long AfterCommit => Interlocked.Read(ref _afterCommit);

    public FaultPoint Next()
    {
        if (!Enabled)
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
