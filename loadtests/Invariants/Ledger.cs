using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Invariants;

/// <summary>Every order the platform acknowledged during the run, and what happened to it after.</summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, AcknowledgedOrder> orders = new();

    public IReadOnlyCollection<AcknowledgedOrder> Orders => (IReadOnlyCollection<AcknowledgedOrder>)orders.Values;

    public int Count => orders.Count;

    private int unknownHolds;

    /// <summary>Holds whose answer never came (a timeout, a 5xx): each may or may not have placed an order.</summary>
    public int UnknownHolds => Volatile.Read(ref unknownHolds);

    private long unanswered;

    /// <summary>
    /// Whether every hold, pay and cancel got a definitive answer, and none was still on its way when the run was checked:
    /// then the books must match the ledger exactly.
    /// </summary>
    public bool Definite => UnknownHolds == 0 && Interlocked.Read(ref unanswered) == 0
        && orders.Values.All(o => o.State is not (OrderState.PayUnknown or OrderState.CancelUnknown));

    /// <summary>
    /// Records shoppers still waiting for an answer when the drain ended (a long waiting-room line, a platform answering in
    /// seconds): their holds may land while the books are read, so the books are checked as bounds.
    /// </summary>
    public void StillUnanswered(long requests) => Interlocked.Exchange(ref unanswered, requests);

    /// <summary>Records a hold answered with no definitive outcome.</summary>
    public void HoldUnknown() => Interlocked.Increment(ref unknownHolds);

    public AcknowledgedOrder Acknowledge(string orderId, Shopper shopper, OrderLine line) =>
        orders.GetOrAdd(orderId, id => new AcknowledgedOrder(id, shopper, line));

    /// <summary>Records a pay or cancel answer: done, refused (no change), or unknown (either may be true).</summary>
    public static void Resolve(AcknowledgedOrder order, Answer answer, bool pay)
    {
        if (answer.Success)
        {
            order.State = pay ? OrderState.Confirmed : OrderState.Cancelled;
        }
        else if (answer.Status is 0 or >= 500)
        {
            order.State = pay ? OrderState.PayUnknown : OrderState.CancelUnknown;
        }
    }
}
