using System.ComponentModel;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Reports;
using Spectre.Console.Cli;

namespace FlashSale.LoadTests;

/// <summary><c>report &lt;folder&gt;</c>: draws report.html and junit.xml again from a results folder.</summary>
public sealed class ReportCommand : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<folder>"), Description("A results folder of an earlier run (with summary.json and timeline.csv).")]
        public string Folder { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var needed in new[] { SummaryFile.Name, Timeline.Name })
        {
            if (!File.Exists(Path.Combine(settings.Folder, needed)))
            {
                throw new UsageException($"report: {Path.Combine(settings.Folder, needed)} does not exist (name a folder a run wrote).");
            }
        }
        var files = ReportWriter.Rebuild(settings.Folder);
        Console.WriteLine($"reports: {string.Join(", ", files)}");
        return 0;
    }
}
