namespace FlashSale.Client.Limits;

/// <summary>
/// The front end's limit on shopper requests in flight (<c>FlashSale:Edge:MaxInFlight</c>, 0 turns it off): past it,
/// a request is answered at once with 503 <c>/problems/overloaded</c> and <c>Retry-After</c> instead of joining a queue
/// that grows until every answer is late. Marketer calls, health and live stock streams (limited on their own) are
/// not counted, so a marketer can still pause a sale while shoppers flood in. A shopper coming back on their turn in a
/// waiting room (with a <c>Queue-Ticket</c>) is let in up to twice the limit: new arrivals are shed first, so the line the
/// room admits keeps moving (the gate checks the ticket; a forged one gets its 400 there). The limit in force moves below
/// the configured one while work waits too long for a thread (<see cref="AdaptiveLimit"/>, measured by <see cref="PoolDelayProbe"/>).
/// </summary>
public sealed class EdgeShedding
{
    public const string Setting = "FlashSale:Edge:MaxInFlight";

    /// <summary>Whether the limit in force follows the thread pool's wait (on by default).</summary>
    public const string AdaptiveSetting = "FlashSale:Edge:Adaptive";

    /// <summary>Far above what one front end answers in a second on two cores, far below what would exhaust it.</summary>
    public const int DefaultMaxInFlight = 5_000;

    private readonly int _max;
    private readonly AdaptiveLimit _limit;
    private int _inFlight;
    private long _shed;

    public EdgeShedding(int max)
    {
        _max = max;
        _limit = new AdaptiveLimit(max);
    }

    /// <summary>The limit in force now: the configured one, or lower while the front end's work waits for threads.</summary>
    public int Limit => _limit.Current;

    /// <summary>A measured wait for a thread (see <see cref="PoolDelayProbe"/>).</summary>
    public void Observe(TimeSpan wait)
    {
        if (_max > 0)
        {
            _limit.Observe(wait, InFlight);
        }
    }

    /// <summary>Shopper requests in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests answered 503 here since start.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    public static void Add(WebApplicationBuilder builder)
    {
        var shedding = new EdgeShedding((int)WholeNumberSetting.Read(
            builder.Configuration, Setting, DefaultMaxInFlight, 0, "0 (no limit) or the most shopper requests one front end has in flight"));
        builder.Services.AddSingleton(shedding);
        if (shedding._max > 0 && SwitchSetting.Read(builder.Configuration, AdaptiveSetting, fallback: true))
        {
            builder.Services.AddHostedService(_ => new PoolDelayProbe(shedding));
        }
    }

    public async Task Handle(HttpContext context, RequestDelegate next)
    {
        if (_max == 0 || !Counted(context.Request.Path))
        {
            await next(context);
            return;
        }
        try
        {
            var limit = context.Request.Headers.ContainsKey(WaitingRoomTickets.Header) ? 2L * Limit : Limit;
            if (Interlocked.Increment(ref _inFlight) > limit)
            {
                Interlocked.Increment(ref _shed);
                context.Response.Headers.RetryAfter = "1";
                await Problems.Problem(StatusCodes.Status503ServiceUnavailable, "overloaded", "Too busy right now.",
                    "This front end is answering as many requests as it can. Try again in 1 s (the same Idempotency-Key is safe).")
                    .ExecuteAsync(context);
                return;
            }
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static bool Counted(PathString path) =>
        path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/admin") && !path.Value!.EndsWith("/events", StringComparison.Ordinal);
}
