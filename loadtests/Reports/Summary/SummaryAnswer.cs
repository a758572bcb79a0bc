namespace FlashSale.LoadTests.Reports.Summary;

/// <summary>Answers of one type ("201", "409 sold-out", "timeout") and how the step judged them (ok, refused, failed).</summary>
public sealed record SummaryAnswer(string Label, long Count, string Verdict);
