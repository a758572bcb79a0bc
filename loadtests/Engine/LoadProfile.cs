namespace FlashSale.LoadTests.Engine;

/// <summary>Stages played one after the other; the level at any moment of a slice, scaled so the stages fill it.</summary>
public sealed class LoadProfile(IReadOnlyList<Stage> stages)
{
    public IReadOnlyList<Stage> Stages { get; } = stages;
    public double Seconds { get; } = stages.Sum(s => s.Seconds);
    public double Peak => Stages.Max(s => s.Level);

    /// <summary>The level <paramref name="elapsed"/> seconds into a slice of <paramref name="sliceSeconds"/>.</summary>
    public double LevelAt(double elapsed, double sliceSeconds)
    {
        var t = elapsed * Seconds / sliceSeconds;
        var previous = 0.0;
        foreach (var stage in Stages)
        {
            if (t < stage.Seconds)
            {
                return stage.Kind == StageKind.Ramp ? previous + (stage.Level - previous) * (t / stage.Seconds) : stage.Level;
            }
            t -= stage.Seconds;
            previous = stage.Level;
        }
        return previous;
    }

    public string Describe(string unit) =>
        string.Join(", ", Stages.Select(s => $"{s.Kind.ToString().ToLowerInvariant()} {s.Seconds:0.#}s at {s.Level:0.#}{unit}"));
}
