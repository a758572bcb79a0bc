using FlashSale.Orders;

namespace FlashSale.Silo.Journal;

/// <summary>
/// One commit for many shards: the appends of every shard of this silo that arrive while a transaction is in flight
/// go out together in the next one (up to <c>writers</c> transactions at once). Each shard is answered only after the
/// commit that covers it. An append the database refuses (its sequence taken by another activation, or a reused
/// Idempotency-Key) rolls the transaction back and fails alone: the others go out again at once. A transaction that
/// fails fails all of its appends.
/// </summary>
internal sealed class SharedCommit(Func<IReadOnlyList<ShardAppend>, Task<IReadOnlyDictionary<int, Exception>>> commit, int writers)
{
    private readonly Lock _gate = new();
    private List<(ShardAppend Append, TaskCompletionSource Done)> _queue = [];
    private int _running;

    public Task Append(ShardAppend append)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _queue.Add((append, done));
            start = _running < writers;
            if (start)
            {
                _running++;
            }
        }
        if (start)
        {
            _ = Task.Run(WriteLoop);
        }
        return done.Task;
    }

    private async Task WriteLoop()
    {
        while (true)
        {
            List<(ShardAppend Append, TaskCompletionSource Done)> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _running--;
                    return;
                }
                batch = _queue;
                _queue = [];
            }
            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<(ShardAppend Append, TaskCompletionSource Done)> batch)
    {
        while (batch.Count > 0)
        {
            IReadOnlyDictionary<int, Exception> refused;
            try
            {
                refused = await commit([.. batch.Select(b => b.Append)]);
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.SetException(e);
                }
                return;
            }
            if (refused.Count == 0)
            {
                foreach (var (_, done) in batch)
                {
                    done.SetResult();
                }
                return;
            }
            foreach (var (index, reason) in refused)
            {
                batch[index].Done.SetException(reason);
            }
            batch = [.. batch.Where((_, index) => !refused.ContainsKey(index))];
        }
    }
}
