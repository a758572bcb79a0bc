namespace FlashSale.Operations;

/// <summary>Answers at once from any silo: readiness checks use it to prove the cluster serves calls.</summary>
[Alias("flashsale.cluster-probe")]
public interface IClusterProbeGrain : IGrainWithIntegerKey
{
    [Alias("ping")]
    Task<string> Ping();
}
