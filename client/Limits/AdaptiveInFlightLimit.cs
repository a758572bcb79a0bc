namespace FlashSale.Client.Limits;

/// <summary>
/// How many shopper requests a front end lets in at once, fitted to what it answers in time. Every
/// <see cref="Window"/> it looks at the requests answered in that window: when more than <see cref="LateShare"/> of
/// them took longer than the target, the limit drops to what the front end answered per second times the target
/// (Little's law: that many in flight are answered within the target at the rate it just showed); when answers are in
/// time and the limit was reached, it grows by a quarter. It stays between <see cref="Floor"/> and the ceiling
/// (<c>FlashSale:Edge:MaxInFlight</c>). Pure: the caller passes the time, so it is tested without a clock.
/// </summary>
public sealed class AdaptiveInFlightLimit
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    /// <summary>The share of late answers in a window that counts as "late" (a p95 past the target).</summary>
    public const double LateShare = 0.05;

    /// <summary>The lowest limit: below it, a front end that slowed for a moment (a collection, a neighbour) sheds too much.</summary>
    public const int Floor = 32;

    /// <summary>Fewer answers than this in a window say nothing about latency.</summary>
    private const int MinAnswers = 20;

    private readonly int _ceiling;
    private readonly int _floor;
    private readonly long _targetTicks;
    private readonly object _gate = new();
    private int _limit;
    private long _windowStart;
    private int _answered;
    private int _late;
    private int _peak;

    /// <param name="ceiling">The most ever let in at once.</param>
    /// <param name="target">The answer time the limit keeps to.</param>
    /// <param name="start">Where it starts (ticks of the caller's clock, e.g. <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
    /// <param name="ticksPerSecond">The caller's clock's ticks a second.</param>
    public AdaptiveInFlightLimit(int ceiling, TimeSpan target, long start, long ticksPerSecond)
    {
        _ceiling = Math.Max(1, ceiling);
        _floor = Math.Min(Floor, _ceiling);
        _targetTicks = (long)(target.TotalSeconds * ticksPerSecond);
        TicksPerSecond = ticksPerSecond;
        // A sale's first second is its burst: start high enough for it, and come down if answers are late.
        _limit = Math.Min(_ceiling, Math.Max(_floor, 1_000));
        _windowStart = start;
    }

    public long TicksPerSecond { get; }

    /// <summary>Requests let in at once now.</summary>
    public int Current => Volatile.Read(ref _limit);

    /// <summary>A request was let in; <paramref name="inFlight"/> counts it.</summary>
    public void Entered(int inFlight)
    {
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, inFlight, peak) != peak)
        {
        }
    }

    /// <summary>A request let in at <paramref name="startedAt"/> was answered at <paramref name="now"/>.</summary>
    public void Answered(long startedAt, long now)
    {
        Interlocked.Increment(ref _answered);
        if (now - startedAt > _targetTicks)
        {
            Interlocked.Increment(ref _late);
        }
        if (now - Volatile.Read(ref _windowStart) >= Window.TotalSeconds * TicksPerSecond && Monitor.TryEnter(_gate))
        {
            try
            {
                Adjust(now);
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }
    }

    private void Adjust(long now)
    {
        var elapsed = now - _windowStart;
        if (elapsed < Window.TotalSeconds * TicksPerSecond)
        {
            return;
        }
        var answered = Interlocked.Exchange(ref _answered, 0);
        var late = Interlocked.Exchange(ref _late, 0);
        var peak = Interlocked.Exchange(ref _peak, 0);
        Volatile.Write(ref _windowStart, now);
        if (answered < MinAnswers)
        {
            return;
        }
        var limit = _limit;
        if (late > LateShare * answered)
        {
            var perSecond = answered * (double)TicksPerSecond / elapsed;
            var fitted = (int)(perSecond * _targetTicks / TicksPerSecond);
            limit = Math.Clamp(Math.Min(fitted, limit), _floor, _ceiling);
        }
        else if (peak >= limit * 0.8)
        {
            limit = (int)Math.Min(_ceiling, limit + Math.Max(16, limit / 4L));
        }
        Volatile.Write(ref _limit, limit);
    }
}
