namespace FlashSale.Silo;

/// <summary>A front end whose cluster is not up yet keeps trying (and says so) instead of exiting.</summary>
internal sealed class KeepTryingToConnect(ILogger<KeepTryingToConnect> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError("Cannot reach the Orleans cluster: {Reason} Not ready; retrying in 2 s.", exception.Message.TrimEnd('.') + ".");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
