namespace FlashSale.Silo;

/// <summary>A hosted service started once the application has started (so after the silo), and stopped with it.</summary>
internal sealed class StartedLater(IHostedService inner, IHostApplicationLifetime lifetime) : IHostedService
{
    private Task _started = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _started = inner.StartAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _started.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await inner.StopAsync(cancellationToken);
    }
}
