using System.Runtime.InteropServices;
using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashSale.LoadTests;

/// <summary>
/// <c>run</c>: one rehearsal. The first Ctrl+C (or SIGTERM) stops the arrivals, drains, checks and reports; a second
/// one ends the process at once (exit code 130).
/// </summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    public const int Aborted = 130;

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions((IReadOnlyList<Scenario>)context.Data!);
        using var stop = new RunStop();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => OnSignal(signal, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => OnSignal(signal, stop));
        return await Rehearsal.RunAsync(options, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive, stop);
    }

    private static void OnSignal(PosixSignalContext signal, RunStop stop)
    {
        signal.Cancel = true;
        if (stop.Requested)
        {
            Console.Error.WriteLine($"{signal.Signal} again: aborting at once, without reports.");
            Environment.Exit(Aborted);
        }
        Console.WriteLine($"{signal.Signal}: stopping arrivals, draining, then checking invariants and writing reports (again to abort at once).");
        stop.Request($"{signal.Signal} received");
    }
}
