namespace FlashSale.Sales;

/// <summary>
/// A sale's waiting room: past <see cref="AdmitPerSecond"/> arrivals a second, shoppers get a place in line (first come,
/// first served) instead of a queue that grows inside the platform.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.waiting-room")]
public sealed record WaitingRoom([property: Id(0)] int AdmitPerSecond)
{
    public const int MaxAdmitPerSecond = 100_000;

    /// <summary>Why <paramref name="admitPerSecond"/> cannot be a room's rate, or null when it can.</summary>
    public static string? Refusal(int? admitPerSecond) =>
        admitPerSecond is null ? "Required: how many shoppers a second go through to buy."
        : admitPerSecond is < 1 or > MaxAdmitPerSecond ? $"From 1 to {MaxAdmitPerSecond:N0} shoppers a second."
        : null;
}
