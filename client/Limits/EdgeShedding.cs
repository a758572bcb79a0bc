using System.Diagnostics;
namespace FlashSale.Client.Limits;

/// <summary>
/// The front end's limit on shopper requests in flight: past it, a request is answered at once with 503
/// <c>/problems/overloaded</c> and <c>Retry-After</c> instead of joining a queue that grows until every answer is late.
/// The limit follows what the front end answers in time (<see cref="AdaptiveInFlightLimit"/>, target
/// <c>FlashSale:Edge:TargetLatencyMs</c>), never above <c>FlashSale:Edge:MaxInFlight</c> (0 turns shedding off; a
/// target of 0 keeps the limit at that ceiling). Marketer calls, health and live stock streams (limited on their own) are
/// not counted, so a marketer can still pause a sale while shoppers flood in. A shopper coming back on their turn in a
/// waiting room (with a <c>Queue-Ticket</c>) is let in up to twice the limit: new arrivals are shed first, so the line the
/// room admits keeps moving (the gate checks the ticket; a forged one gets its 400 there).
/// </summary>
public sealed class EdgeShedding
{
    public const string Setting = "FlashSale:Edge:MaxInFlight";
    public const string TargetSetting = "FlashSale:Edge:TargetLatencyMs";

    /// <summary>Far above what one front end answers in a second on two cores, far below what would exhaust it.</summary>
    public const int DefaultMaxInFlight = 5_000;

    /// <summary>Well inside the 500 ms a shopper should wait at most, leaving room for the time before the application.</summary>
    public const int DefaultTargetLatencyMs = 200;

    private readonly int _max;
    private readonly AdaptiveInFlightLimit? _adaptive;
    private int _inFlight;
    private long _shed;

    public EdgeShedding(int max, int targetLatencyMs = 0)
    {
        _max = max;
        _adaptive = max > 0 && targetLatencyMs > 0
            ? new AdaptiveInFlightLimit(max, TimeSpan.FromMilliseconds(targetLatencyMs), Stopwatch.GetTimestamp(), Stopwatch.Frequency)
            : null;
    }

    /// <summary>Shopper requests let in at once now (0: no limit).</summary>
    public int Limit => _adaptive?.Current ?? _max;

    /// <summary>Shopper requests in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests answered 503 here since start.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    public static void Add(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(new EdgeShedding(
            (int)WholeNumberSetting.Read(builder.Configuration, Setting, DefaultMaxInFlight, 0, "0 (no limit) or the most shopper requests one front end has in flight"),
            (int)WholeNumberSetting.Read(builder.Configuration, TargetSetting, DefaultTargetLatencyMs, 0,
                "0 (a fixed limit) or the milliseconds a front end keeps its answers to by letting fewer requests in", 60_000)));

    public async Task Handle(HttpContext context, RequestDelegate next)
    {
        if (_max == 0 || !Counted(context.Request.Path))
        {
            await next(context);
            return;
        }
        var startedAt = Stopwatch.GetTimestamp();
        var admitted = false;
        try
        {
            var current = Limit;
            var limit = context.Request.Headers.ContainsKey(WaitingRoomTickets.Header) ? 2L * current : current;
            var inFlight = Interlocked.Increment(ref _inFlight);
            if (inFlight > limit)
            {
                Interlocked.Increment(ref _shed);
                context.Response.Headers.RetryAfter = "1";
                await Problems.Problem(StatusCodes.Status503ServiceUnavailable, "overloaded", "Too busy right now.",
                    "This front end is answering as many requests as it can. Try again in 1 s (the same Idempotency-Key is safe).")
                    .ExecuteAsync(context);
                return;
            }
            admitted = true;
            _adaptive?.Entered(inFlight);
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            if (admitted)
            {
                _adaptive?.Answered(startedAt, Stopwatch.GetTimestamp());
            }
        }
    }

    private static bool Counted(PathString path) =>
        path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/admin") && !path.Value!.EndsWith("/events", StringComparison.Ordinal);
}
