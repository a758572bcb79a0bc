using FlashSale.LoadTests.Measures;

namespace FlashSale.LoadTests.Reports;

/// <summary>
/// What the hot path cost in storage: the platform's group-commit batch sizes, and the bytes each side wrote per
/// acknowledged hold (with a word on why a figure is missing).
/// </summary>
public sealed record StorageFigures(GroupCommitSizes? GroupCommits, WriteTally? CandidateWrites, string CandidateWritesNote, WriteTally? BaselineWrites, string? BaselineWritesNote)
{
    public static readonly StorageFigures None = new(null, null, "not measured", null, null);
}
