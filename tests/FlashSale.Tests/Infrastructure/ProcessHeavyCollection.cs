namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// Tests that start several processes or load a platform flat out run alone, after the parallel ones, so they do not
/// starve the time-bounded tests (cache freshness, hold expiry) beside them on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessHeavyCollection
{
    public const string Name = "process-heavy";
}
