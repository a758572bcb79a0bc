namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// Stopping an in-process host, bounded: a silo that hangs while it stops fails the test that owns it, with a message
/// that says so, instead of stalling the whole run until CI's limit.
/// </summary>
internal static class BoundedStop
{
    /// <summary>Far longer than a healthy stop (a few seconds, even with thousands of activations to deactivate).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task Run(string what, Func<Task> stop)
    {
        try
        {
            await stop().WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not stop within {Limit.TotalMinutes:0} minutes: it hangs at shutdown (left running in this process).");
        }
    }
}
