namespace FlashSale.Sales;

/// <summary>
/// A waiting room's line, pure: each arrival is given the next admission time, one every 1/rate seconds (a generic
/// cell rate, so it needs no timer and no per-shopper work later); when the line is empty, up to
/// <see cref="Burst"/> worth of arrivals (at least one interval's) go through at once. A shopper who asks again keeps their place until
/// <see cref="Kept"/> after their turn.
/// </summary>
public sealed class AdmissionLine
{
    /// <summary>
    /// How much of the rate an empty line lets through at once (arrivals are never spread evenly), on top of the rate
    /// itself: a quarter second's worth, so a room set near what the platform can take lets at most 1.25 times that through
    /// in its first second (a whole second's worth made it twice, and the start second's answers slow). A rate of four
    /// or fewer a second lets one interval's worth through.
    /// </summary>
    public static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(250);

    /// <summary>How long after their turn a shopper's place is kept for them (the ticket's life).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(2);

    /// <summary>How far past a ticket's turn the stored horizon is put, so a busy line writes about once per this much line.</summary>
    public static readonly TimeSpan Reserve = TimeSpan.FromSeconds(2);

    /// <summary>The longest line kept: past it, arrivals are told to come back (the memory a line may take).</summary>
    public const int MaxWaiting = 1_000_000;

    private readonly Dictionary<string, Admission> _places = new(StringComparer.Ordinal);
    private readonly Queue<(string Customer, DateTimeOffset AdmitAt)> _byTurn = new();
    private DateTimeOffset _next;
    private long _arrivals;

    /// <param name="resumeAt">Where a line that was lost resumes: the stored horizon, after every turn already given.</param>
    /// <param name="arrivals">Arrivals counted before it was lost.</param>
    public AdmissionLine(DateTimeOffset resumeAt = default, long arrivals = 0)
    {
        _next = resumeAt == default ? DateTimeOffset.MinValue : resumeAt;
        Horizon = _next;
        _arrivals = arrivals;
    }

    /// <summary>A turn every place given comes before, as stored (a place at or past it needs a new horizon stored first).</summary>
    public DateTimeOffset Horizon { get; private set; }

    /// <summary>Arrivals given a place so far (the next one's position is one more).</summary>
    public long Arrivals => _arrivals;

    /// <summary>A new horizon is stored: places up to it may be given.</summary>
    public void Reserved(DateTimeOffset horizon) => Horizon = horizon > Horizon ? horizon : Horizon;

    /// <summary>Shoppers holding a place now (waiting, or within <see cref="Kept"/> of their turn).</summary>
    public int Places => _places.Count;

    /// <summary>The place of <paramref name="customerId"/>, or null when the line is full.</summary>
    public Admission? Arrive(string customerId, int admitPerSecond, DateTimeOffset now)
    {
        while (_byTurn.TryPeek(out var oldest) && oldest.AdmitAt + Kept < now)
        {
            _byTurn.Dequeue();
            _places.Remove(oldest.Customer);
        }
        if (_places.TryGetValue(customerId, out var kept))
        {
            return kept;
        }
        if (_places.Count >= MaxWaiting)
        {
            return null;
        }
        var interval = TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerSecond / Math.Max(1, admitPerSecond)));
        var burst = interval > Burst ? interval : Burst;
        if (_next < now - burst)
        {
            _next = now - burst;
        }
        var admission = new Admission(++_arrivals, _next < now ? now : _next);
        _next += interval;
        _places[customerId] = admission;
        _byTurn.Enqueue((customerId, admission.AdmitAt));
        return admission;
    }
}
