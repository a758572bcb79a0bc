using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;
using Spectre.Console;

namespace FlashSale.LoadTests;

/// <summary>The tool's command line: <c>list</c> and <c>run</c>. Also called by the tests, in process.</summary>
public static class LoadTestCli
{
    public const int UsageError = 1;

    public static async Task<int> RunAsync(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Logs and CI: wide enough that tables do not wrap into unreadable columns.
            AnsiConsole.Profile.Width = 160;
        }
        try
        {
            switch (args.FirstOrDefault())
            {
                case "list":
                    var table = new Table().AddColumn("scenario").AddColumn("what it rehearses").AddColumn("key step").AddColumn("--baseline");
                    foreach (var s in ScenarioCatalog.All())
                    {
                        table.AddRow(s.Name, s.Description, s.KeyStep, s.DefaultBaseline.ToString().ToLowerInvariant());
                    }
                    AnsiConsole.Write(table);
                    return 0;
                case "run":
                    var options = RunOptions.Parse(args[1..]);
                    return await RunCommand.RunAsync(options, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);
                case null or "--help" or "-h" or "help":
                    Console.WriteLine(RunOptions.Usage);
                    return args.Length == 0 ? UsageError : 0;
                default:
                    throw new UsageException($"no command '{args[0]}': list or run.");
            }
        }
        catch (MissingPrerequisiteException missing)
        {
            Console.Error.WriteLine($"error: {missing.Message}");
            return UsageError;
        }
        catch (UsageException usage)
        {
            Console.Error.WriteLine($"error: {usage.Message}");
            Console.Error.WriteLine(RunOptions.Usage);
            return UsageError;
        }
    }
}
