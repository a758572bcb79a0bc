namespace FlashSale.LoadTests.Measures;

/// <summary>
/// A histogram in the Prometheus text format (as the platform's <c>/metrics</c> serves it): count, sum and cumulative
/// buckets, read at one moment; two readings give what was counted between them.
/// </summary>
public static class PrometheusHistogram
{
    /// <summary>
    /// Count, sum and cumulative buckets of the Prometheus histogram <paramref name="metric"/>, added up over the series
    /// whose labels <paramref name="series"/> takes (every series without it).
    /// </summary>
    public static Reading? Parse(string? text, string metric, Func<string, bool>? series = null)
    {
        if (text is null)
        {
            return null;
        }
        long count = 0;
        double sum = 0;
        var buckets = new Dictionary<double, long>();
        var seen = false;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var name = line[..nameEnd];
            var labels = line[nameEnd] == '{' ? line[(nameEnd + 1)..line.IndexOf('}', nameEnd)] : "";
            var rest = line[(line[nameEnd] == '{' ? line.IndexOf('}', nameEnd) + 1 : nameEnd)..].Trim().Split(' ')[0];
            if (name.Length <= metric.Length || (series is not null && !series(labels)) || !double.TryParse(rest, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            seen = true;
            switch (name[metric.Length..])
            {
                case "_count":
                    count += (long)value;
                    break;
                case "_sum":
                    sum += value;
                    break;
                case "_bucket" when Label(labels, "le") is { } le:
                    var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                    buckets[bound] = buckets.GetValueOrDefault(bound) + (long)value;
                    break;
            }
        }
        return seen ? new Reading(count, sum, buckets) : null;
    }

    private static string? Label(string labels, string name)
    {
        var at = labels.IndexOf($"{name}=\"", StringComparison.Ordinal);
        return at < 0 ? null : labels[(at + name.Length + 2)..labels.IndexOf('"', at + name.Length + 2)];
    }

    public sealed record Reading(long Count, double Sum, IReadOnlyDictionary<double, long> Buckets)
    {
        /// <summary>What was counted after <paramref name="earlier"/>.</summary>
        public Reading Since(Reading earlier) => new(Count - earlier.Count, Sum - earlier.Sum,
            Buckets.ToDictionary(b => b.Key, b => b.Value - earlier.Buckets.GetValueOrDefault(b.Key)));

        /// <summary>The share counted at or under the largest bucket bound at or under <paramref name="bound"/> (a lower bound of the share under it).</summary>
        public double ShareAtOrUnder(double bound) =>
            Count <= 0 ? double.NaN : (double)Buckets.Where(b => b.Key <= bound).Select(b => b.Value).DefaultIfEmpty(0).Max() / Count;

        /// <summary>The smallest bucket bound with at least <paramref name="quantile"/> of the count at or under it (null: past the last bound).</summary>
        public double? BoundOf(double quantile) =>
            Count <= 0 ? null : Buckets.OrderBy(b => b.Key).FirstOrDefault(b => b.Value >= quantile * Count) is { Key: var key, Value: > 0 } && !double.IsPositiveInfinity(key) ? key : null;
    }
}
