namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>A storage or steadiness figure, as the reports word it.</summary>
public sealed record SummaryFigure(string Name, string Value);
