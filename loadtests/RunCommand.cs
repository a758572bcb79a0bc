using System.Runtime.CompilerServices;
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
        var signals = new StrongBox<int>();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => OnSignal(signal, stop, signals));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => OnSignal(signal, stop, signals));
        return await Rehearsal.RunAsync(options, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive, stop);
    }

    /// <param name="signals">Signals received so far: counted before anything is said, so a second signal that comes
    /// right after the first one's message (handlers may run side by side) is always taken as the second.</param>
    private static void OnSignal(PosixSignalContext signal, RunStop stop, StrongBox<int> signals)
    {
        signal.Cancel = true;
        if (Interlocked.Increment(ref signals.Value) > 1)
        {
            Console.Error.WriteLine($"{signal.Signal} again: aborting at once, without reports.");
            Environment.Exit(Aborted);
        }
        stop.Request($"{signal.Signal} received");
        Console.WriteLine($"{signal.Signal}: stopping arrivals, draining, then checking invariants and writing reports (again to abort at once).");
    }
}
