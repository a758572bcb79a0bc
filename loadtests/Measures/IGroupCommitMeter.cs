namespace FlashSale.LoadTests.Measures;

/// <summary>Watches the platform's group commits while the candidate runs (between begin and end of each of its slices).</summary>
public interface IGroupCommitMeter : IDisposable
{
    Task BeginAsync();

    Task EndAsync();

    /// <summary>What was seen, or null when the platform reports nothing about its batches.</summary>
    Task<GroupCommitSizes?> ResultAsync();
}
