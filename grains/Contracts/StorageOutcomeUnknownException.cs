namespace FlashSale;

/// <summary>
/// A write may or may not have committed (storage failed or did not answer). The caller must not assume
/// either: it retries with the same idempotency key, and the reloaded grain answers what really happened.
/// </summary>
[GenerateSerializer, Alias("flashsale.storage-outcome-unknown")]
public sealed class StorageOutcomeUnknownException : Exception
{
    public StorageOutcomeUnknownException()
    {
    }

    public StorageOutcomeUnknownException(string message) : base(message)
    {
    }

    public StorageOutcomeUnknownException(Exception cause)
        // The cause travels as text: a driver's exception type need not be known to the caller.
        : base($"The outcome is unknown: storage failed ({cause.GetType().Name}: {cause.Message}). Retry with the same key.")
    {
    }

    public StorageOutcomeUnknownException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
