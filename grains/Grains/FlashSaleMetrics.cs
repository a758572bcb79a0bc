using System.Diagnostics.Metrics;

namespace FlashSale;

/// <summary>The platform's own counters, published beside Orleans' meter (OpenTelemetry, Prometheus at <c>/metrics</c>).</summary>
public static class FlashSaleMetrics
{
    public const string MeterName = "FlashSale";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Holds = Meter.CreateCounter<long>("flashsale.holds", "{hold}", "Durable holds made");
    public static readonly Counter<long> Rejections = Meter.CreateCounter<long>("flashsale.rejections", "{order}", "Orders refused, by reason");
    public static readonly Counter<long> Expiries = Meter.CreateCounter<long>("flashsale.hold_expiries", "{hold}", "Holds that expired unpaid");
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("flashsale.group_commit.batch_size", "{request}", "Requests covered by one storage write");

    public static void Rejected(string reason) => Rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
