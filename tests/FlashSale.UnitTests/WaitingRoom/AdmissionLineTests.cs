using FlashSale.Sales;

namespace FlashSale.UnitTests.WaitingRoom;

/// <summary>The waiting room's line on its own: turns one 1/rate apart in arrival order, a kept place, a bounded wait.</summary>
public sealed class AdmissionLineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Arrivals_past_a_quarter_seconds_burst_get_turns_one_interval_apart_in_the_order_they_came()
    {
        var line = new AdmissionLine();

        var turns = Enumerable.Range(0, 30).Select(i => line.Arrive($"s{i}", admitPerSecond: 100, Start)!).ToList();

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), turns.Select(t => t.Position));
        // A quarter second's worth at once (26: 0.25 s of 100 a second, and the one at the start), then one every 10 ms.
        Assert.Equal(26, turns.Count(t => t.AdmitAt <= Start));
        Assert.Equal(Start.AddSeconds(0.04), turns[^1].AdmitAt);
        Assert.All(turns.Zip(turns.Skip(1)), pair => Assert.True(pair.Second.AdmitAt >= pair.First.AdmitAt));
    }

    [Fact]
    public void A_shopper_who_asks_again_keeps_their_place_until_well_after_their_turn()
    {
        var line = new AdmissionLine();
        for (var i = 0; i < 5; i++)
        {
            line.Arrive($"s{i}", 1, Start);
        }
        var first = line.Arrive("ana", 1, Start)!;

        var again = line.Arrive("ana", 1, Start.AddSeconds(2))!;
        var muchLater = line.Arrive("ana", 1, first.AdmitAt + AdmissionLine.Kept + TimeSpan.FromSeconds(1))!;

        Assert.Equal(first, again);
        Assert.NotEqual(first.Position, muchLater.Position);
        Assert.Equal(1, line.Places);
    }

    [Fact]
    public void After_a_quiet_spell_the_line_does_not_hand_out_turns_in_the_past_beyond_one_burst()
    {
        var line = new AdmissionLine();
        line.Arrive("early", 2, Start);

        var later = Enumerable.Range(0, 6).Select(i => line.Arrive($"late{i}", 2, Start.AddMinutes(1))!).ToList();

        // Two a second: the burst is one interval (half a second), so two go at once and the rest wait half a second each.
        Assert.Equal(2, later.Count(t => t.AdmitAt <= Start.AddMinutes(1)));
        Assert.Equal(Start.AddMinutes(1).AddSeconds(2), later[^1].AdmitAt);
    }

    [Fact]
    public void A_line_resumed_at_its_stored_horizon_gives_newcomers_turns_after_every_turn_given_before()
    {
        var before = new AdmissionLine();
        var turns = Enumerable.Range(0, 30).Select(i => before.Arrive($"s{i}", admitPerSecond: 10, Start)!).ToList();
        var horizon = turns[^1].AdmitAt + AdmissionLine.Reserve;

        var resumed = new AdmissionLine(horizon, before.Arrivals);
        var newcomer = resumed.Arrive("late", admitPerSecond: 10, Start.AddSeconds(0.5))!;

        Assert.True(newcomer.AdmitAt > turns.Max(t => t.AdmitAt), $"{newcomer.AdmitAt:O} after {turns[^1].AdmitAt:O}");
        Assert.Equal(31, newcomer.Position);
        // A line lost long ago (its horizon past) is an empty line again: its burst goes through at once.
        var idle = new AdmissionLine(horizon, 30).Arrive("much-later", admitPerSecond: 10, horizon.AddMinutes(5))!;
        Assert.Equal(horizon.AddMinutes(5), idle.AdmitAt);
    }
}
