using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests.Reports;

/// <summary>
/// Whether a side slows down as it goes: its key step's successful answers per second in the first and the last
/// <see cref="Window"/> seconds (5, or half of a shorter slice) of one slice. Only seconds wholly inside the slice count
/// (the answers drained after it ends are left out).
/// </summary>
public sealed record SliceDecay(int Slice, double Window, double? First, double? Last)
{
    public const double Seconds = 5;

    /// <summary>Last over first: 1 is steady, 0.5 halved by the end.</summary>
    public double? Ratio => First is > 0 && Last is { } last ? last / First : null;

    public static IReadOnlyList<SliceDecay> Of(Phase phase) =>
    [
        .. phase.Slices.Select((slice, index) =>
        {
            var window = Math.Min(Seconds, slice.Seconds / 2);
            // A sample covers the second before its time stamp; a quarter second of slack for the sampler's timer.
            var inside = phase.Key.Samples.Where(s => s.Second - s.Length >= slice.Start - 0.25 && s.Second <= slice.Start + slice.Seconds + 0.25).ToList();
            double? Rate(IEnumerable<SecondSample> samples)
            {
                var list = samples.ToList();
                var length = list.Sum(s => s.Length);
                return length > 0 ? list.Sum(s => s.Ok) / length : null;
            }
            return new SliceDecay(index + 1, window,
                Rate(inside.Where(s => s.Second <= slice.Start + window + 0.25)),
                Rate(inside.Where(s => s.Second - s.Length >= slice.Start + slice.Seconds - window - 0.25)));
        }),
    ];

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"round {Slice}: {Text(First)}/s in the first {Window:0.#} s, {Text(Last)}/s in the last {Window:0.#} s ({(Ratio is { } r ? $"{r:0.00}x" : "n/a")})");

    private static string Text(double? rate) => rate is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "n/a";
}
