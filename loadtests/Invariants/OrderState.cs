namespace FlashSale.LoadTests.Invariants;

/// <summary>What the tool was told about an order: held, paid, cancelled, or a pay/cancel whose outcome it never heard.</summary>
public enum OrderState
{
    Reserved,
    Confirmed,
    Cancelled,
    PayUnknown,
    CancelUnknown,
}
