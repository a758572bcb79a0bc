using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FlashSale.Client.Limits;

/// <summary>
/// Ten times a second, how long a work item queued now waits for a thread, handed to the edge's <see cref="AdaptiveLimit"/>.
/// Published as <c>flashsale.edge.limit</c> and <c>flashsale.edge.pool_wait</c> at <c>/metrics</c>.
/// </summary>
internal sealed class PoolDelayProbe(EdgeShedding shedding) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Meter _meter = new(FlashSaleMetrics.MeterName);
    private double _lastWaitMs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _meter.CreateObservableGauge("flashsale.edge.limit", () => shedding.Limit, "{request}", "Shopper requests this front end lets in flight now (adaptive)");
        _meter.CreateObservableGauge("flashsale.edge.pool_wait", () => Volatile.Read(ref _lastWaitMs), "ms", "How long work waited for a thread at the last look");
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var wait = await Measure();
            Volatile.Write(ref _lastWaitMs, wait.TotalMilliseconds);
            shedding.Observe(wait);
        }
    }

    private static Task<TimeSpan> Measure()
    {
        var queued = Stopwatch.GetTimestamp();
        var ran = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Ran.SetResult(Stopwatch.GetElapsedTime(state.Queued)), (Ran: ran, Queued: queued), preferLocal: false);
        return ran.Task;
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
