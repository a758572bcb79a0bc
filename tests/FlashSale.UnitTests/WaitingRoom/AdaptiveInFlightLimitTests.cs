using FlashSale.Client.Limits;

namespace FlashSale.UnitTests.WaitingRoom;

/// <summary>
/// The front end's limit on requests in flight follows what it answers in time: it comes down to the rate it answers
/// times the target when answers are late, grows while they are in time and the limit is reached, and stays between
/// its floor and the configured ceiling. Time is ticks of a clock of 1,000 ticks a second.
/// </summary>
public sealed class AdaptiveInFlightLimitTests
{
    private const long TicksPerSecond = 1_000;
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(200);
    private static readonly long WindowTicks = (long)(AdaptiveInFlightLimit.Window.TotalSeconds * TicksPerSecond);

    [Fact]
    public void Late_answers_bring_the_limit_down_to_the_rate_answered_times_the_target()
    {
        var limit = new AdaptiveInFlightLimit(5_000, Target, 0, TicksPerSecond);
        var start = limit.Current;

        // 1,000 answers in a quarter of a second (4,000 a second), each 400 ms after it was let in.
        Window(limit, 0, answers: 1_000, latencyTicks: 400, inFlight: start);

        Assert.Equal(1_000, start);
        Assert.Equal(800, limit.Current);
    }

    [Fact]
    public void Answers_in_time_at_the_limit_let_it_grow_by_a_quarter_up_to_the_ceiling_but_not_when_the_limit_is_not_reached()
    {
        var limit = new AdaptiveInFlightLimit(1_500, Target, 0, TicksPerSecond);

        Window(limit, 0, answers: 500, latencyTicks: 50, inFlight: 1_000);
        var grown = limit.Current;
        Window(limit, 1, answers: 500, latencyTicks: 50, inFlight: grown);
        var capped = limit.Current;
        Window(limit, 2, answers: 500, latencyTicks: 50, inFlight: 100);

        Assert.Equal(1_250, grown);
        Assert.Equal(1_500, capped);
        Assert.Equal(1_500, limit.Current);
    }

    [Fact]
    public void However_late_and_few_the_answers_the_limit_stays_at_its_floor_and_a_window_of_a_handful_changes_nothing()
    {
        var limit = new AdaptiveInFlightLimit(5_000, Target, 0, TicksPerSecond);

        Window(limit, 0, answers: 25, latencyTicks: 2_000, inFlight: 25);
        var floored = limit.Current;
        Window(limit, 1, answers: 5, latencyTicks: 50, inFlight: floored);

        Assert.Equal(AdaptiveInFlightLimit.Floor, floored);
        Assert.Equal(AdaptiveInFlightLimit.Floor, limit.Current);
    }

    [Fact]
    public void A_ceiling_below_the_floor_is_the_limit()
    {
        var limit = new AdaptiveInFlightLimit(1, Target, 0, TicksPerSecond);

        Window(limit, 0, answers: 100, latencyTicks: 5_000, inFlight: 1);

        Assert.Equal(1, limit.Current);
    }

    [Fact]
    public void Flooded_past_what_it_answers_a_front_end_settles_where_answers_take_about_the_target_and_it_stays_busy()
    {
        // A front end that answers 2,000 requests a second, shared among those in flight (each takes in-flight / 2,000 s),
        // offered far more than it answers: the limit decides how many are in flight.
        const double capacity = 2_000;
        var limit = new AdaptiveInFlightLimit(5_000, Target, 0, TicksPerSecond);
        var latencies = new List<double>();

        for (var window = 0; window < 40; window++)
        {
            var inFlight = limit.Current;
            var latencySeconds = inFlight / capacity;
            latencies.Add(latencySeconds);
            Window(limit, window, answers: (int)(capacity * AdaptiveInFlightLimit.Window.TotalSeconds), latencyTicks: (long)(latencySeconds * TicksPerSecond), inFlight);
        }

        // It starts at 1,000 in flight (500 ms a request), and within a few windows keeps answers near the target.
        Assert.Equal(0.5, latencies[0]);
        var settled = latencies.Skip(5).ToList();
        Assert.All(settled, latency => Assert.InRange(latency, 0.1, 1.3 * Target.TotalSeconds));
    }

    /// <summary>One window's answers, all let in <paramref name="latencyTicks"/> before the window ends, with a peak of <paramref name="inFlight"/>.</summary>
    private static void Window(AdaptiveInFlightLimit limit, int index, int answers, long latencyTicks, int inFlight)
    {
        limit.Entered(inFlight);
        var end = (index + 1) * WindowTicks;
        for (var i = 0; i < answers - 1; i++)
        {
            limit.Answered(end - 1 - latencyTicks, end - 1);
        }
        // The last answer closes the window.
        limit.Answered(end - latencyTicks, end);
    }
}
