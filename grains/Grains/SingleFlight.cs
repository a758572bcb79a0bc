namespace FlashSale;

/// <summary>
/// One run of a piece of work at a time in a reentrant grain: callers that arrive while it runs share
/// its result; the next caller after it finished starts a new run.
/// </summary>
internal sealed class SingleFlight<T>
{
    private Task<T>? _running;

    public Task<T> Run(Func<Task<T>> work)
    {
        if (_running is { } running)
        {
            return running;
        }
        var run = work();
        _running = run;
        // Cleared when done (at once when the work finished without waiting).
        _ = run.ContinueWith(
            _ =>
            {
                if (_running == run)
                {
                    _running = null;
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
        return run;
    }
}
