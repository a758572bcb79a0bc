namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>One stage of the load.</summary>
public sealed record SummaryStage(string Kind, double Seconds, double Level);
