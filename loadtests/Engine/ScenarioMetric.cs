namespace FlashSale.LoadTests.Engine;

/// <summary>
/// A figure a scenario works out from its whole run rather than from one step's answers (the overload's goodput, the
/// streams' delay): a name thresholds can judge (<c>--threshold "goodput>=0.8"</c>), its value, its unit and how it was found.
/// </summary>
public sealed record ScenarioMetric(string Name, double Value, string Unit, string Detail)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Value:0.####} {Unit} ({Detail})");
}
