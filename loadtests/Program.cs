using Spectre.Console;

// The scenarios arrive with the load-test issue; until then the tool says so instead of pretending.
AnsiConsole.MarkupLine("[yellow]FlashSale load tests:[/] no scenarios yet. Usage (coming): list | run <scenario> [--target URL | --in-process]");
return args.Length == 0 || args[0] is "list" or "--help" ? 0 : 1;
