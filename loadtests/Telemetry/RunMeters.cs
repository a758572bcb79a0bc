using System.Diagnostics.Metrics;
using FlashSale.LoadTests.Engine;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace FlashSale.LoadTests.Telemetry;

/// <summary>
/// The run's numbers as System.Diagnostics.Metrics instruments, fed once a second from the runner's ticks (nothing
/// on the request path). Exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_*
/// variables choose protocol, headers and interval), so a dashboard shows the rehearsal beside the platform.
/// </summary>
public sealed class RunMeters : IDisposable
{
    public const string MeterName = "FlashSale.LoadTests";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> answers;
    private readonly MeterProvider? exporter;
    private volatile Tick? latest;

    public RunMeters()
    {
        answers = meter.CreateCounter<long>("flashsale.loadtest.answers", "{answer}", "Answers per phase, step and verdict (ok, refused, failed)");
        meter.CreateObservableGauge("flashsale.loadtest.latency.p50", () => Latencies(s => s.P50Ms), "ms", "p50 latency of the last second, per phase and step");
        meter.CreateObservableGauge("flashsale.loadtest.latency.p99", () => Latencies(s => s.P99Ms), "ms", "p99 latency of the last second, per phase and step");
        meter.CreateObservableGauge("flashsale.loadtest.level", () => latest is { } t ? [new Measurement<double>(t.Level, Phase(t))] : Array.Empty<Measurement<double>>(),
            "{shopper}", "Target arrivals per second (open model) or concurrent shoppers (closed model)");
        meter.CreateObservableGauge("flashsale.loadtest.in_flight", () => latest is { } t ? [new Measurement<long>(t.InFlight, Phase(t))] : Array.Empty<Measurement<long>>(),
            "{shopper}", "Shoppers waiting for an answer");
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            var interval = Environment.GetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL") is null ? 5_000 : (int?)null;
            exporter = Sdk.CreateMeterProviderBuilder()
                .AddMeter(MeterName)
                .AddOtlpExporter((_, reader) =>
                {
                    if (interval is { } ms)
                    {
                        // A rehearsal lasts seconds to minutes: the SDK's 60 s default would show nothing until it ends.
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = ms;
                    }
                })
                .Build();
        }
    }

    /// <summary>Whether the run's metrics leave the process (an OTLP endpoint is set).</summary>
    public bool Exporting => exporter is not null;

    public void OnTick(Tick tick)
    {
        latest = tick;
        foreach (var s in tick.Samples)
        {
            Add(s, "ok", s.Ok);
            Add(s, "refused", s.Refused);
            Add(s, "failed", s.Failed);
        }
    }

    private void Add(SecondSample sample, string verdict, long count)
    {
        if (count > 0)
        {
            answers.Add(count, new("phase", sample.Phase), new("step", sample.Step), new("verdict", verdict));
        }
    }

    private IEnumerable<Measurement<double>> Latencies(Func<SecondSample, double> value) =>
        latest is { } tick
            ? tick.Samples.Where(s => s.Answers > 0).Select(s => new Measurement<double>(value(s), new("phase", s.Phase), new("step", s.Step)))
            : [];

    private static KeyValuePair<string, object?> Phase(Tick tick) => new("phase", tick.Phase.Name);

    public void Dispose()
    {
        // Flushes what the last interval gathered before the process ends.
        exporter?.Dispose();
        meter.Dispose();
    }
}
