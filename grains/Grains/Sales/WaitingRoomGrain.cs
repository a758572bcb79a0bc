namespace FlashSale.Sales;

/// <summary>
/// A sale's waiting room line (<see cref="AdmissionLine"/>), in memory, its answers from memory. The front ends carry
/// each shopper's place in a signed ticket; the line stores only a horizon every ticket's turn comes before, written before
/// a ticket past it is given (a turn <see cref="AdmissionLine.Reserve"/> further each time, so about one write per
/// reserve's worth of line, none while shoppers go straight through). A new activation, after its silo died, starts the
/// line at that horizon: newcomers are let in after everyone who already holds a ticket.
/// </summary>
internal sealed class WaitingRoomGrain(
    [PersistentState("waiting-room", StorageNames.Main)] IPersistentState<WaitingRoomState> stored,
    ShopClock clock)
    : Grain, IWaitingRoomGrain
{
    private AdmissionLine? _line;

    public async Task<Admission> Arrive(string customerId, int admitPerSecond)
    {
        var line = _line ??= new AdmissionLine(stored.State.Horizon, stored.State.Arrivals);
        var now = clock.GetUtcNow();
        if (line.Arrive(customerId, admitPerSecond, now) is not { } admission)
        {
            // A full line sends the shopper back with a turn far enough ahead that the line has moved by then.
            return new Admission(0, now + TimeSpan.FromSeconds(Math.Max(1, AdmissionLine.MaxWaiting / Math.Max(1, admitPerSecond))));
        }
        if (admission.AdmitAt > now && admission.AdmitAt >= line.Horizon)
        {
            stored.State.Horizon = admission.AdmitAt + AdmissionLine.Reserve;
            stored.State.Arrivals = line.Arrivals;
            await stored.WriteStateOrDeactivate(this);
            line.Reserved(stored.State.Horizon);
        }
        return admission;
    }
}
