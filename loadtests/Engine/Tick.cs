namespace FlashSale.LoadTests.Engine;

/// <summary>What the live display shows once a second.</summary>
public sealed record Tick(Phase Phase, double RunSecond, double SliceSecond, double SliceSeconds, double Level, long InFlight, IReadOnlyList<SecondSample> Samples);
