using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Invariants;

/// <summary>Every order the platform acknowledged during the run, and what happened to it after.</summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, AcknowledgedOrder> orders = new();

    public IReadOnlyCollection<AcknowledgedOrder> Orders => (IReadOnlyCollection<AcknowledgedOrder>)orders.Values;

    public int Count => orders.Count;

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
