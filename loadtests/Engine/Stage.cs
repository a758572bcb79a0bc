namespace FlashSale.LoadTests.Engine;

/// <summary>A stretch of load: for <see cref="Seconds"/>, arrivals per second (open model) or concurrent shoppers (closed model) at <see cref="Level"/>.</summary>
public sealed record Stage(StageKind Kind, double Seconds, double Level)
{
    /// <summary>Parses "ramp:10s:500", "hold:30s:500", "spike:5s:2000".</summary>
    public static Stage Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || !Enum.TryParse<StageKind>(parts[0], true, out var kind))
        {
            throw new UsageException($"--stages: '{text}' is not kind:duration:level (kind ramp, hold or spike; e.g. ramp:10s:500).");
        }
        var seconds = Durations.Parse(parts[1], "--stages");
        if (!double.TryParse(parts[2], CultureInfo.InvariantCulture, out var level) || level < 0 || level > 1_000_000)
        {
            throw new UsageException($"--stages: level '{parts[2]}' must be a number from 0 to 1,000,000.");
        }
        return new Stage(kind, seconds, level);
    }
}
