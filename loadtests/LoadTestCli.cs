using System.Reflection;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashSale.LoadTests;

/// <summary>
/// The tool's command line on Spectre.Console.Cli: <c>list</c>, <c>run</c>, <c>report</c>, help for each, <c>--version</c>.
/// A program of one's own passes its scenarios to <see cref="RunAsync(string[], Scenario[])"/> and gets the same tool with them in it.
/// </summary>
public static class LoadTestCli
{
    public const int UsageError = 1;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, []);

    /// <param name="scenarios">Scenarios of one's own, beside the built-in ones (same names replace them).</param>
    public static async Task<int> RunAsync(string[] args, params Scenario[] scenarios)
    {
        if (Console.IsOutputRedirected)
        {
            // Logs and CI: wide enough that tables do not wrap into unreadable columns.
            AnsiConsole.Profile.Width = 160;
        }
        var catalog = scenarios.Concat(ScenarioCatalog.All()).DistinctBy(s => s.Name).ToList();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("loadtests");
            config.SetApplicationVersion(Version);
            config.SetApplicationCulture(CultureInfo.InvariantCulture);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<ListCommand>("list").WithData(catalog)
                .WithDescription("The scenarios this tool knows.");
            config.AddCommand<RunCommand>("run").WithData(catalog)
                .WithDescription("Rehearse a scenario against a target; reports, summary.json and junit.xml in --report-dir. Exit codes: 0 ok, 1 usage, 2 threshold missed, 3 invariant broken, 4 stopped early (Ctrl+C, SIGTERM).")
                .WithExample("run", "hot-sku", "--in-process", "--storage", "sqlite", "--duration", "20s")
                .WithExample("run", "sale-day", "--target", "http://127.0.0.1:8080", "--rate=200", "--duration", "1m30s", "--threshold", "hold:p99<50ms");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Rebuild report.html and junit.xml from a results folder (its summary.json and timeline.csv).")
                .WithExample("report", "loadtests/results/hot-sku-20261128-101500");
            config.AddCommand<ServePlainCommand>("serve-plain").IsHidden();
        });
        try
        {
            if (args is ["run", .., var last] && NeedsValue(last))
            {
                // Spectre.Console.Cli 0.57 binds a value-taking option at the very end to an internal name instead of refusing it.
                throw new UsageException($"{last} needs a value (see run --help).");
            }
            return await app.RunAsync(args);
        }
        catch (Exception exception) when (exception is UsageException or CommandAppException or MissingPrerequisiteException)
        {
            // One line that says what is wrong; `--help` after the command says the rest.
            Console.Error.WriteLine($"error: {OneLine(exception.Message)}");
            return UsageError;
        }
    }

    public static string Version => typeof(LoadTestCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static bool NeedsValue(string option) =>
        typeof(RunSettings).GetProperties()
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Any(o => o is { ValueName: not null, ValueIsOptional: false } && o.LongNames.Any(n => option == $"--{n}"));

    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
