namespace FlashSale;

/// <summary>
/// Passes over what a reentrant grain still has to deliver to other grains, one pass at a time: a caller is answered
/// by a pass that began after it asked (so it sees the latest state), callers that ask during a pass share the next
/// one, and calls to one receiver never overtake each other. A pass never fails its callers: what it could not
/// deliver stays pending for the next.
/// </summary>
internal sealed class DeliveryPasses(Func<Task> pass, ILogger logger)
{
    private TaskCompletionSource? _next;
    private bool _running;

    public Task Run()
    {
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var covered = _next.Task;
        if (!_running)
        {
            _ = Loop();
        }
        return covered;
    }

    private async Task Loop()
    {
        _running = true;
        while (_next is { } batch)
        {
            _next = null;
            try
            {
                await pass();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A delivery pass failed; what it did not deliver stays pending.");
            }
            batch.SetResult();
        }
        _running = false;
    }
}
