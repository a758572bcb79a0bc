namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>An invariant checked after the load.</summary>
public sealed record SummaryInvariant(string Name, bool Holds, string Detail);
