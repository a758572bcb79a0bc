namespace FlashSale.LoadTests.Engine;

/// <summary>One step's numbers over one second of a phase (a point of the time-series charts).</summary>
public sealed record SecondSample(string Phase, string Step, double Second, double Length, long Ok, long Refused, long Failed, double P50Ms, double P99Ms, double MaxMs, double TargetLevel)
{
    public long Answers => Ok + Refused + Failed;

    public double Rate => Length > 0 ? Answers / Length : 0;

    public double OkRate => Length > 0 ? Ok / Length : 0;
}
