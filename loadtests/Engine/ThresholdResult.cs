namespace FlashSale.LoadTests.Engine;

/// <summary>A threshold judged against a phase: met or not, the measured value, and a line saying it.</summary>
public sealed record ThresholdResult(Threshold Threshold, bool Met, double Actual, string Detail)
{
    public string Name => Threshold.Text;
}
