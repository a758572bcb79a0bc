using Orleans.Concurrency;

namespace FlashSale.Operations;

[StatelessWorker]
internal sealed class ClusterProbeGrain(ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    public Task<string> Ping() => Task.FromResult(silo.Name);
}
