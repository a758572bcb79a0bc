namespace FlashSale.Sales;

/// <summary>
/// When a silo becomes active, wakes the stock shards of every sale: a shard
/// that crashed with order changes still in its outbox delivers them on activation, so every
/// acknowledged order reaches its shopper's order list without waiting for that shard's next buyer.
/// </summary>
public sealed class OutboxRecovery(IGrainFactory grains, ILogger<OutboxRecovery> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OutboxRecovery), ServiceLifecycleStage.Active, OnActive);

    private Task OnActive(CancellationToken cancellationToken)
    {
        // In the background: start-up does not wait for every sale to be counted.
        _ = Task.Run(WakeShards, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WakeShards()
    {
        try
        {
            // Counting a sale asks each of its shards, which activates them.
            var ids = await grains.GetGrain<ISaleDirectoryGrain>(ISaleDirectoryGrain.Key).GetAll();
            await Task.WhenAll(ids.Select(id => grains.GetGrain<ISaleGrain>(id).GetSnapshot()));
        }
        catch (Exception e)
        {
            logger.LogWarning("Waking stock shards after start-up failed: {Reason}", e.Message);
        }
    }
}
