using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;

namespace FlashSale.LoadTests;

/// <summary>
/// What one rehearsal is asked to do, checked. The command line (<see cref="RunSettings"/>) makes one; code that
/// drives the engine itself makes one directly. A new option is a property here and an option there.
/// </summary>
public sealed class RunOptions
{
    public required Scenario Scenario { get; init; }
    public Uri? Target { get; init; }
    public string Storage { get; init; } = "sqlite";
    public LoadModel Model { get; init; } = LoadModel.Open;
    public double Level { get; init; } = 100;
    public double DurationSeconds { get; init; } = 30;
    public IReadOnlyList<Stage>? Stages { get; init; }
    public BaselineKind? Baseline { get; init; }
    public int Rounds { get; init; } = 2;
    public double WarmupSeconds { get; init; } = 2;
    public string? ReportDir { get; init; }
    public string? ApiKey { get; init; }
    public string? SigningKey { get; init; }
    public string? DataDir { get; init; }
    public string? PostgreSql { get; init; }
    public string? RedisServer { get; init; }
    public string? TargetDb { get; init; }
    public int? Stock { get; init; }
    public int? PromoCap { get; init; }
    public int? AdmitPerSecond { get; init; }
    public int MaxInFlight { get; init; } = 20_000;

    /// <summary><c>--rate 2x</c>: arrivals at this many times the platform's maximum (measured first, or <see cref="MaxRate"/>).</summary>
    public double? RateTimesMax { get; init; }

    /// <summary><c>--max-rate N</c>: the platform's maximum in holds a second, given instead of measured.</summary>
    public double? MaxRate { get; init; }

    /// <summary>The answer time within which an answer counts as good (goodput, fast refusals): <c>--slo</c>, default 500 ms.</summary>
    public double SloSeconds { get; init; } = 0.5;

    /// <summary><c>--connections N</c>: live stock streams the streams scenario holds open.</summary>
    public int? Connections { get; init; }

    /// <summary>Pass marks, judged on the candidate: per step (--threshold) and the older whole-run flags.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>Stop the run (drain, check, report) as soon as a latency or error-rate threshold is missed.</summary>
    public bool AbortOnFail { get; init; }

    /// <summary>How long answers still on their way are waited for when a slice ends or the run is stopped.</summary>
    public double DrainSeconds { get; init; } = 30;

    public bool InProcess => Target is null;

    public LoadProfile Profile() => Profile(Level);

    /// <summary>The load's shape at a level worked out during set-up (<c>--rate 2x</c> once the maximum is known).</summary>
    public LoadProfile Profile(double level) => new(Stages ?? Scenario.DefaultStages(level, DurationSeconds));
}
