using FlashSale.Client.Limits;

namespace FlashSale.UnitTests.WaitingRoom;

/// <summary>The edge's in-flight limit follows how long work waits for a thread, within its floor and the configured limit.</summary>
public sealed class AdaptiveLimitTests
{
    private static readonly TimeSpan Late = AdaptiveLimit.Target * 3;
    private static readonly TimeSpan Prompt = AdaptiveLimit.Target / 10;

    [Fact]
    public void Work_waiting_too_long_cuts_the_limit_below_what_is_in_flight_at_once()
    {
        var limit = new AdaptiveLimit(5_000);

        LateLongEnough(limit, inFlight: 1_500);

        Assert.Equal(1_200, limit.Current);
    }

    [Fact]
    public void Late_looks_that_do_not_last_change_nothing()
    {
        var limit = new AdaptiveLimit(5_000);

        for (var burst = 0; burst < 5; burst++)
        {
            for (var look = 0; look < AdaptiveLimit.LateLooks - 1; look++)
            {
                limit.Observe(Late, inFlight: 1_500);
            }
            limit.Observe(AdaptiveLimit.Target * 0.75, inFlight: 1_500);
        }

        Assert.Equal(5_000, limit.Current);
    }

    [Fact]
    public void While_work_keeps_waiting_the_limit_falls_to_its_floor_and_no_further()
    {
        var limit = new AdaptiveLimit(5_000);

        for (var look = 0; look < 50; look++)
        {
            limit.Observe(Late, inFlight: limit.Current);
        }

        Assert.Equal(AdaptiveLimit.Floor, limit.Current);
    }

    [Fact]
    public void Once_work_is_prompt_again_the_limit_climbs_back_to_the_configured_one_within_a_few_seconds_of_looks()
    {
        var limit = new AdaptiveLimit(5_000);
        for (var look = 0; look < 50; look++)
        {
            limit.Observe(Late, inFlight: limit.Current);
        }

        var looks = 0;
        while (limit.Current < 5_000)
        {
            limit.Observe(Prompt, inFlight: 0);
            looks++;
        }

        Assert.Equal(5_000, limit.Current);
        Assert.InRange(looks, 10, 50);
    }

    [Fact]
    public void A_wait_near_the_target_holds_the_limit_where_it_is()
    {
        var limit = new AdaptiveLimit(5_000);
        LateLongEnough(limit, inFlight: 1_000);
        var cut = limit.Current;

        limit.Observe(AdaptiveLimit.Target * 0.75, inFlight: 900);

        Assert.Equal(cut, limit.Current);
    }

    [Fact]
    public void A_limit_configured_below_the_floor_is_kept_as_configured()
    {
        var limit = new AdaptiveLimit(1);

        LateLongEnough(limit, inFlight: 1);
        Assert.Equal(1, limit.Current);
        limit.Observe(Prompt, inFlight: 0);
        Assert.Equal(1, limit.Current);
    }

    /// <summary>Late looks in a row, as many as the first cut needs.</summary>
    private static void LateLongEnough(AdaptiveLimit limit, int inFlight)
    {
        for (var look = 0; look < AdaptiveLimit.LateLooks; look++)
        {
            limit.Observe(Late, inFlight);
        }
    }
}
