namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// Tests that must not share the machine or the process with any other test while they run: time-bounded ones (a
/// cache's half-second freshness, one-second rate-limit windows, expiry deadlines) and those that read process-wide
/// counters. Like <see cref="ProcessHeavyCollection"/>, xunit runs it after the parallel collections, one test at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
