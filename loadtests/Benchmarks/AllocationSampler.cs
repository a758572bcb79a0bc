using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace FlashSale.Benchmarks;

/// <summary>
/// What a run allocates, by type: the runtime reports a sample about every 100 kB allocated (its AllocationTick event,
/// with the type of the object that crossed the mark), so a type's share of the samples is its share of the bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _counting;

    public void Start()
    {
        _bytes.Clear();
        _counting = true;
    }

    /// <summary>The types that took the most bytes since <see cref="Start"/>, with their share.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop(int top)
    {
        _counting = false;
        var total = Math.Max(1, _bytes.Values.Sum());
        return [.. _bytes.OrderByDescending(pair => pair.Value).Take(top).Select(pair => (pair.Key, (double)pair.Value / total))];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_counting || e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }
        var type = e.PayloadNames?.IndexOf("TypeName") is int at and >= 0 ? e.Payload[at] as string ?? "?" : "?";
        var amount = e.PayloadNames?.IndexOf("AllocationAmount64") is int size and >= 0 && e.Payload[size] is ulong bytes ? (long)bytes : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
