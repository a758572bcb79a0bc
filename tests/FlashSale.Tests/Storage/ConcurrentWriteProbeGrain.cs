using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace FlashSale.Tests.Storage;

[Alias("flashsale.tests.concurrent-write-probe")]
public interface IConcurrentWriteProbeGrain : IGrainWithStringKey
{
    /// <summary>Starts <paramref name="writes"/> WriteStateAsync calls without waiting in between; counts what each did.</summary>
    [Alias("write")]
    Task<ConcurrentWriteReport> WriteConcurrently(int writes);
}

[GenerateSerializer, Immutable, Alias("flashsale.tests.concurrent-write-report")]
public sealed record ConcurrentWriteReport(
    [property: Id(0)] int Succeeded,
    [property: Id(1)] int Failed,
    [property: Id(2)] string? StoredVersion);

[GenerateSerializer, Alias("flashsale.tests.concurrent-write-probe-state")]
public sealed class ConcurrentWriteProbeState
{
    [Id(0)]
    public int Counter { get; set; }
}

[Reentrant]
public sealed class ConcurrentWriteProbeGrain(
    [PersistentState("concurrent-write-probe", FlashSale.StorageNames.Main)] IPersistentState<ConcurrentWriteProbeState> probe)
    : Grain, IConcurrentWriteProbeGrain
{
    public async Task<ConcurrentWriteReport> WriteConcurrently(int writes)
    {
        var attempts = new List<Task>();
        for (var i = 0; i < writes; i++)
        {
            probe.State.Counter++;
            attempts.Add(probe.WriteStateAsync());
        }
        var failed = 0;
        foreach (var attempt in attempts)
        {
            try
            {
                await attempt;
            }
            catch (Exception)
            {
                failed++;
            }
        }
        return new ConcurrentWriteReport(writes - failed, failed, probe.Etag);
    }
}
