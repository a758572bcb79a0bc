using Orleans.Concurrency;

namespace FlashSale.Sales;

/// <summary>
/// A sale's waiting room line (<see cref="AdmissionLine"/>), in memory, its answers from memory. The front ends carry
/// each shopper's place in a signed ticket; the line stores only a horizon every ticket's turn comes before. It writes a
/// new horizon (<see cref="AdmissionLine.Reserve"/> past the latest turn) as soon as the turns come within half a
/// reserve of the stored one, in the background, one write at a time: arrivals wait for a write only when the line
/// outruns it, never for a shopper let straight through. A new activation, after its silo died, starts the line at the
/// stored horizon: newcomers are let in after everyone who already holds a ticket.
/// </summary>
[Reentrant]
internal sealed class WaitingRoomGrain(
    [PersistentState("waiting-room", StorageNames.Main)] IPersistentState<WaitingRoomState> stored,
    ShopClock clock)
    : Grain, IWaitingRoomGrain
{
    private static readonly TimeSpan Ahead = AdmissionLine.Reserve / 2;

    private AdmissionLine? _line;
    private Task? _writing;
    private DateTimeOffset _wanted = DateTimeOffset.MinValue;

    public async Task<Admission> Arrive(string customerId, int admitPerSecond)
    {
        // Reentrant: the line changes only between awaits, on the grain's one thread.
        var line = _line ??= new AdmissionLine(stored.State.Horizon, stored.State.Arrivals);
        var now = clock.GetUtcNow();
        if (line.Arrive(customerId, admitPerSecond, now) is not { } admission)
        {
            // A full line sends the shopper back with a turn far enough ahead that the line has moved by then.
            return new Admission(0, now + TimeSpan.FromSeconds(Math.Max(1, AdmissionLine.MaxWaiting / Math.Max(1, admitPerSecond))));
        }
        if (admission.AdmitAt <= now)
        {
            return admission;
        }
        if (admission.AdmitAt + Ahead >= line.Horizon && admission.AdmitAt + AdmissionLine.Reserve > _wanted)
        {
            _wanted = admission.AdmitAt + AdmissionLine.Reserve;
            // In the background: the arrivals it covers in time do not wait for it (a failure shows in the next wait).
            _ = Writing(line);
        }
        // A ticket is given only for a turn before the stored horizon.
        while (admission.AdmitAt >= line.Horizon)
        {
            if (_wanted <= admission.AdmitAt)
            {
                _wanted = admission.AdmitAt + AdmissionLine.Reserve;
            }
            await Writing(line);
        }
        return admission;
    }

    /// <summary>The write under way, or a new one when none is.</summary>
    private Task Writing(AdmissionLine line) =>
        _writing is { IsCompleted: false } running ? running : _writing = WriteHorizons(line);

    /// <summary>Stores the wanted horizon until it is stored (one write at a time); a failed write fails its waiters and the activation.</summary>
    private async Task WriteHorizons(AdmissionLine line)
    {
        while (_wanted > line.Horizon)
        {
            var horizon = _wanted;
            stored.State.Horizon = horizon;
            stored.State.Arrivals = line.Arrivals;
            await stored.WriteStateOrDeactivate(this);
            line.Reserved(horizon);
        }
    }
}
