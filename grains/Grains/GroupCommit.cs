namespace FlashSale;

/// <summary>
/// Group commit for a reentrant grain: callers mutate the in-memory state, then await <see cref="Durable"/>.
/// While one write is in flight, every caller that arrives shares the next write, and each is answered only
/// after a write that covers its change has committed. One storage write per batch, never two at once.
/// The write is told how many requests it covers (for the batch-size figures).
/// On a failed write the state in memory can no longer be trusted: every waiting caller fails (the
/// outcome is unknown to them), later callers fail too, and the activation is dropped so that the next
/// one reloads what storage really holds.
/// </summary>
/// <param name="dropActivation">Told once a write failed (a grain deactivates when idle).</param>
internal sealed class GroupCommit(Func<int, Task> write, Action dropActivation)
{
    public GroupCommit(Func<int, Task> write, IGrainBase grain)
        : this(write, grain.DeactivateOnIdle)
    {
    }

    private TaskCompletionSource? _next;
    private Task? _inFlight;
    private int _nextCount;
    private bool _writing;
    private Exception? _failure;

    public bool Failed => _failure is not null;

    /// <summary>After a failed write nothing in memory is to be trusted: the caller's outcome is unknown.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new StorageOutcomeUnknownException(_failure);
        }
    }

    /// <summary>Completes once a write that includes every change made before this call has committed.</summary>
    public Task Durable()
    {
        if (_failure is not null)
        {
            return Task.FromException(new StorageOutcomeUnknownException(_failure));
        }
        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextCount++;
        var covered = _next.Task;
        if (!_writing)
        {
            _ = WriteLoop();
        }
        return covered;
    }

    /// <summary>
    /// Completes once every change already made is durable, without asking for a write of its own: a repeat that
    /// reports state an earlier caller changed waits for the write that covers that change (and fails with it).
    /// </summary>
    public Task Covering()
    {
        if (_failure is not null)
        {
            return Task.FromException(new StorageOutcomeUnknownException(_failure));
        }
        return _next?.Task ?? _inFlight ?? Task.CompletedTask;
    }

    private async Task WriteLoop()
    {
        _writing = true;
        while (_next is { } batch && _failure is null)
        {
            var count = _nextCount;
            _next = null;
            _nextCount = 0;
            _inFlight = batch.Task;
            try
            {
                await write(count);
                batch.SetResult();
            }
            catch (Exception e)
            {
                _failure = e;
                var unknown = new StorageOutcomeUnknownException(e);
                batch.SetException(unknown);
                _next?.SetException(unknown);
                _next = null;
                dropActivation();
            }
            _inFlight = null;
        }
        _writing = false;
    }
}
