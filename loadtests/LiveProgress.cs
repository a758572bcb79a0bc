using FlashSale.LoadTests.Engine;
using Spectre.Console;

namespace FlashSale.LoadTests;

/// <summary>
/// What the run is doing, once a second: a live table in a terminal, a plain line every few seconds in a log
/// (CI): phase, load level, answers per second, p50/p99 of each step, failures, what stock is left.
/// </summary>
public sealed class LiveProgress(bool interactive, double plannedSeconds)
{
    private volatile Tick? latest;
    private long stockLeft = -1;
    private double lastPrinted = -10;

    public void OnTick(Tick tick)
    {
        latest = tick;
        if (!interactive && tick.RunSecond - lastPrinted >= 5)
        {
            lastPrinted = tick.RunSecond;
            Console.WriteLine(Line(tick));
        }
    }

    public void OnStock(long left) => Interlocked.Exchange(ref stockLeft, left);

    public async Task ShowAsync(Task running)
    {
        if (!interactive)
        {
            await running;
            return;
        }
        await AnsiConsole.Live(new Markup("starting...")).AutoClear(false).StartAsync(async context =>
        {
            while (!running.IsCompleted)
            {
                if (latest is { } tick)
                {
                    context.UpdateTarget(Table(tick));
                }
                await Task.WhenAny(running, Task.Delay(500));
            }
            if (latest is { } last)
            {
                context.UpdateTarget(Table(last));
            }
        });
        await running;
    }

    private string Line(Tick tick) => FormattableString.Invariant(
        $"[{tick.RunSecond,5:0}s] {tick.Phase.Name,-9} level {tick.Level,7:0.#}  in flight {tick.InFlight,6}  ") +
        string.Join("  ", tick.Samples.Where(s => s.Answers > 0).Select(s => FormattableString.Invariant($"{s.Step} {s.Rate:0}/s p50 {s.P50Ms:0.#} p99 {s.P99Ms:0.#} ms fail {s.Failed}"))) +
        StockText();

    private string StockText() => Interlocked.Read(ref stockLeft) is >= 0 and var left ? $"  stock left {left:N0}" : "";

    private Table Table(Tick tick)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{tick.Phase.Name}[/]  {tick.RunSecond:0}s of ~{plannedSeconds:0}s  level {tick.Level:0.#}  in flight {tick.InFlight:N0}" +
                   StockText());
        foreach (var column in new[] { "step", "answers/s", "p50 ms", "p99 ms", "ok", "refused", "failed" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (var (name, metrics) in tick.Phase.Steps)
        {
            var sample = tick.Samples.FirstOrDefault(s => s.Step == name);
            table.AddRow(name, $"{sample?.Rate ?? 0:N0}", $"{sample?.P50Ms ?? 0:0.##}", $"{sample?.P99Ms ?? 0:0.##}",
                $"{metrics.Ok:N0}", $"{metrics.Refused:N0}", metrics.Failed > 0 ? $"[red]{metrics.Failed:N0}[/]" : "0");
        }
        table.Caption($"dropped arrivals {tick.Phase.Dropped:N0}");
        return table;
    }
}
