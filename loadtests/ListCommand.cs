using FlashSale.LoadTests.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlashSale.LoadTests;

/// <summary><c>list</c>: every scenario, what it rehearses, its key step and its default baseline.</summary>
public sealed class ListCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table().AddColumn("scenario").AddColumn("what it rehearses").AddColumn("key step").AddColumn("--baseline");
        foreach (var s in (IReadOnlyList<Scenario>)context.Data!)
        {
            table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Description), Markup.Escape(s.KeyStep), s.DefaultBaseline.ToString().ToLowerInvariant());
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
