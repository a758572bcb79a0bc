using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Invariants;

/// <summary>An order the platform acknowledged (a 201): it must be there after the run, in the state last acknowledged.</summary>
public sealed class AcknowledgedOrder(string orderId, Shopper shopper, OrderLine line)
{
    public string OrderId { get; } = orderId;
    public Shopper Shopper { get; } = shopper;
    public OrderLine Line { get; } = line;
    public OrderState State { get; set; } = OrderState.Reserved;

    /// <summary>Whether <paramref name="status"/> (as the platform shows it) agrees with what was acknowledged.</summary>
    public bool Agrees(string status) => State switch
    {
        OrderState.Reserved => status == "reserved",
        OrderState.Confirmed => status == "confirmed",
        OrderState.Cancelled => status == "cancelled",
        OrderState.PayUnknown => status is "reserved" or "confirmed",
        _ => status is "reserved" or "cancelled",
    };

    /// <summary>Units this order certainly keeps out of the pool (held or sold).</summary>
    public bool Live => State is OrderState.Reserved or OrderState.Confirmed;
}
