using System.Text.RegularExpressions;

namespace FlashSale.LoadTests.Engine;

/// <summary>Durations as people write them: "500ms", "20s", "2m", "1m30s", "1h", or a bare number of seconds.</summary>
public static partial class Durations
{
    private const double Day = 24 * 3600;

    [GeneratedRegex(@"\G(?<n>\d+(\.\d+)?)(?<unit>ms|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Seconds in <paramref name="text"/>; a usage error naming <paramref name="option"/> when it is not a duration from 1 ms to a day.</summary>
    public static double Parse(string text, string option) =>
        TryParse(text, out var seconds) && seconds > 0 && seconds <= Day
            ? seconds
            : throw new UsageException($"{option}: '{text}' is not a duration (e.g. 500ms, 20s, 1m30s, 1h; at most a day).");

    public static bool TryParse(string text, out double seconds)
    {
        seconds = 0;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            seconds = bare;
            return true;
        }
        var at = 0;
        while (at < text.Length && Part().Match(text, at) is { Success: true } part)
        {
            var n = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            seconds += part.Groups["unit"].Value switch
            {
                "ms" => n / 1000,
                "s" => n,
                "m" => n * 60,
                _ => n * 3600,
            };
            at += part.Length;
        }
        return at == text.Length && at > 0;
    }
}
