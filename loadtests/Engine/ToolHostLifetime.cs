using Microsoft.Extensions.Hosting;

namespace FlashSale.LoadTests.Engine;

/// <summary>
/// The lifetime of a host the tool starts inside itself (the in-process silo, the plain endpoint): the tool owns
/// Ctrl+C and SIGTERM (stop arrivals, drain, check, report), so the host must not stop itself on them mid-run as the
/// default console lifetime would; the tool stops it when the run is done.
/// </summary>
public sealed class ToolHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
