namespace FlashSale.Client.Limits;

/// <summary>
/// The edge's limit on requests in flight, moved by how long work waits for a thread (the thread pool's queue delay).
/// Requests past a CPU-bound front end's capacity do not wait in its pipeline, where an in-flight count sees them: they
/// wait as queued work (parsing, continuations) in front of everything, so every answer gets late together. When the
/// wait has passed <see cref="Target"/> on <see cref="LateLooks"/> looks in a row (a burst's first moments or a pause
/// of the whole process are not an overload), the limit drops to below what is in flight now, and again on each late
/// look after that (newcomers get a fast 503 until the wait is short again); while the wait stays under half the target
/// it grows back by a tenth per look, up to the configured limit. It never goes below <see cref="Floor"/> (nor above the configured limit): a front end that is slow
/// for reasons shedding cannot fix (a busy neighbour on the machine) still takes a few hundred requests at once.
/// </summary>
public sealed class AdaptiveLimit
{
    /// <summary>The least the limit drops to (or the configured limit, when lower).</summary>
    public const int Floor = 256;

    /// <summary>A thread pool wait longer than this says the front end has more work than its cores do in time.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    /// <summary>Late looks in a row before the first cut (at ten looks a second: 0.3 s of work waiting).</summary>
    public const int LateLooks = 3;

    private readonly int _ceiling;
    private int _current;

    /// <summary>Late looks in a row so far (the probe's loop is the only caller, one look at a time).</summary>
    private int _late;

    public AdaptiveLimit(int ceiling)
    {
        _ceiling = ceiling;
        _current = ceiling;
    }

    /// <summary>The limit now (never 0 when a limit is set).</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>Takes one measured wait, with the requests in flight when it was measured.</summary>
    public void Observe(TimeSpan wait, int inFlight)
    {
        var floor = Math.Min(Floor, _ceiling);
        var current = Current;
        _late = wait > Target ? _late + 1 : 0;
        if (_late >= LateLooks)
        {
            // Multiplicative decrease from what is really in flight, so the first cut already bites.
            current = Math.Max(floor, (int)(Math.Min(current, inFlight) * 0.8));
        }
        else if (wait < Target / 2 && current < _ceiling)
        {
            current = (int)Math.Min(_ceiling, current + Math.Max(16L, current / 10));
        }
        Volatile.Write(ref _current, current);
    }
}
