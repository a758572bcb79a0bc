using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using FlashSale.Orders;
using Orleans.Runtime;
using Orleans.Storage;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// A test's own fault: the real grain storage and the stock shards' journal behind wrappers that fail the next writes
/// of the grains a test names (by state name and key; journal appends count as state "stock-shard" or, for keys
/// "promo:{code}/{n}", "promo-allowance"), before
/// they reach the database, as a dropped connection would.
/// </summary>
public sealed class FailingWrites
{
    private readonly ConcurrentDictionary<(string State, string Key), int> _left = new();
    private int _failed;

    /// <summary>How many writes were failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Fails the next <paramref name="count"/> writes of state <paramref name="stateName"/> of the grain keyed <paramref name="key"/>.</summary>
    public void FailNext(string stateName, string key, int count = 1) => _left[(stateName, key)] = count;

    /// <summary>Puts this wrapper in front of the platform's grain storage (for <see cref="Platform.StartAsync(Store, Action{IServiceCollection}, string[])"/>).</summary>
    public void Install(IServiceCollection services)
    {
        var real = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Main));
        var create = real.KeyedImplementationFactory!;
        services.Remove(real);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Main, (provider, key) => new Wrapper((IGrainStorage)create(provider, key), this));
        var journal = services.Single(d => d.ServiceType == typeof(IShardJournal));
        services.Remove(journal);
        services.AddSingleton<IShardJournal>(provider => new FailingJournal((IShardJournal)journal.ImplementationFactory!(provider), this));
    }

    private bool ShouldFail(string stateName, GrainId grainId) => ShouldFail(stateName, grainId.Key.ToString()!);

    private bool ShouldFail(string stateName, string key)
    {
        var id = (stateName, key);
        while (_left.TryGetValue(id, out var left) && left > 0)
        {
            if (_left.TryUpdate(id, left - 1, left))
            {
                Interlocked.Increment(ref _failed);
                return true;
            }
        }
        return false;
    }

    private sealed class FailingJournal(IShardJournal inner, FailingWrites faults) : IShardJournal
    {
        public Task<ShardHistory> LoadAsync(string shard) => inner.LoadAsync(shard);

        public Task AppendAsync(ShardAppend append) =>
            (append.Shard.StartsWith("promo:", StringComparison.Ordinal)
                ? faults.ShouldFail("promo-allowance", append.Shard["promo:".Length..])
                : faults.ShouldFail("stock-shard", append.Shard))
                ? Task.FromException(new IOException($"Test fault: the journal append of shard {append.Shard} did not reach the database."))
                : inner.AppendAsync(append);

        public Task SnapshotAsync(string shard, long sequence, byte[] state) => inner.SnapshotAsync(shard, sequence, state);

        public Task<Order?> ReadOrderAsync(string orderId) => inner.ReadOrderAsync(orderId);

        public Task<IReadOnlyList<Order>> ReadOrdersOfAsync(string customerId) => inner.ReadOrdersOfAsync(customerId);
    }

    private sealed class Wrapper(IGrainStorage inner, FailingWrites faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            faults.ShouldFail(stateName, grainId)
                ? Task.FromException(new IOException($"Test fault: the write of {stateName} {grainId} did not reach the database."))
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
    }
}
