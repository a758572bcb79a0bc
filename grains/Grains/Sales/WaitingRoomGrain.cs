namespace FlashSale.Sales;

/// <summary>
/// A sale's waiting room line (<see cref="AdmissionLine"/>), in memory: the front ends carry each shopper's place in a
/// signed ticket, so a lost line costs only its order (the next arrivals start a new one), never a shopper's ticket.
/// </summary>
internal sealed class WaitingRoomGrain(ShopClock clock) : Grain, IWaitingRoomGrain
{
    private readonly AdmissionLine _line = new();

    public Task<Admission> Arrive(string customerId, int admitPerSecond)
    {
        var now = clock.GetUtcNow();
        // A full line sends the shopper back with a turn far enough ahead that the line has moved by then.
        return Task.FromResult(_line.Arrive(customerId, admitPerSecond, now)
            ?? new Admission(0, now + TimeSpan.FromSeconds(Math.Max(1, AdmissionLine.MaxWaiting / Math.Max(1, admitPerSecond)))));
    }
}
