namespace FlashSale.UnitTests.Simulation;

/// <summary>The states an order may be in as far as its callers were told (several after an unknown outcome).</summary>
[Flags]
internal enum Could
{
    Absent = 1,
    Reserved = 2,
    Confirmed = 4,
    Cancelled = 8,
    Expired = 16,
}
