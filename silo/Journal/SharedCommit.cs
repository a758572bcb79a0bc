using FlashSale.Orders;
using Orleans.Storage;

namespace FlashSale.Silo.Journal;

/// <summary>
/// One commit for many shards: the appends of every shard of this silo that arrive while a transaction is in flight
/// go out together in the next one (up to <c>writers</c> transactions at once). Each shard is answered only after the
/// commit that covers it; an append whose sequence was taken fails alone, a failed transaction fails all of its appends.
/// </summary>
internal sealed class SharedCommit(Func<IReadOnlyList<ShardAppend>, Task<IReadOnlySet<int>>> commit, int writers)
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
            try
            {
                var taken = await commit([.. batch.Select(b => b.Append)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (taken.Contains(i))
                    {
                        batch[i].Done.SetException(new InconsistentStateException(
                            $"Journal entry {batch[i].Append.Sequence} of shard {batch[i].Append.Shard} was written by another activation."));
                    }
                    else
                    {
                        batch[i].Done.SetResult();
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.SetException(e);
                }
            }
        }
    }
}
