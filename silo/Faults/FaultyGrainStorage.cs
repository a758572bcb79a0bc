using Orleans.Runtime;
using Orleans.Storage;

namespace FlashSale.Silo.Faults;

/// <summary>
/// Wraps the real grain storage and fails the writes <see cref="IStorageFaults"/> picks. A fault after the commit puts
/// the grain's version back as it was, as a caller that never got the reply would still hold it.
/// </summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner, IStorageFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Faulty(grainState, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Faulty(grainState, () => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task Faulty<T>(IGrainState<T> grainState, Func<Task> write)
    {
        var fault = faults.Next();
        if (fault == FaultPoint.BeforeCommit)
        {
            throw new InjectedStorageFaultException("Injected storage fault: the write failed before reaching the database.");
        }
        var versionBefore = grainState.ETag;
        var existedBefore = grainState.RecordExists;
        await write();
        if (fault == FaultPoint.AfterCommit)
        {
            grainState.ETag = versionBefore;
            grainState.RecordExists = existedBefore;
            throw new InjectedStorageFaultException("Injected storage fault: the write committed but its reply was lost.");
        }
    }
}
