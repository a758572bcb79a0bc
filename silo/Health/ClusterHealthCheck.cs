using FlashSale.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Silo.Health;

/// <summary>Ready only when a grain call goes through: the silo (or the gateways a front end uses) is up.</summary>
internal sealed class ClusterHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            var silo = await grains.GetGrain<IClusterProbeGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"served by {silo}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"cluster not serving: {e.Message}");
        }
    }
}
