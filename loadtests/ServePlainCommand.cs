using System.ComponentModel;
using FlashSale.LoadTests.Baselines;
using Spectre.Console.Cli;

namespace FlashSale.LoadTests;

/// <summary>
/// <c>serve-plain</c> (hidden): the plain baseline as a process of its own, started and ended by <c>run</c>. It writes
/// where it listens, then serves until its standard input closes.
/// </summary>
public sealed class ServePlainCommand : AsyncCommand<ServePlainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--canned <FILE>"), Description("The answers to serve and the stock to sell, as the tool wrote them.")]
        public string Canned { get; init; } = "";
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        PlainServer.ServeAsync(settings.Canned);
}
