namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>What was rehearsed.</summary>
public sealed record SummaryScenario(string Name, string Description, string KeyStep);
