namespace FlashSale.LoadTests.Engine;

/// <summary>"30s", "2m", "500ms" or a bare number of seconds.</summary>
public static class Durations
{
    public static double Parse(string text, string option)
    {
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, CultureInfo.InvariantCulture, out var value) || value <= 0 || value * scale > 24 * 3600)
        {
            throw new UsageException($"{option}: '{text}' is not a duration (e.g. 30s, 2m, 500ms; at most a day).");
        }
        return value * scale;
    }
}
