using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace FlashSale.Tests.Infrastructure;

/// <summary>The load-test tool run as a user runs it: its own process, its exit code and everything it printed.</summary>
public sealed record ToolRun(int ExitCode, string Output)
{
    public string LastLine => Output.TrimEnd().Split('\n').Last().Trim();

    public static Task<ToolRun> StartAsync(params string[] args) => StartAsync(TimeSpan.FromMinutes(3), args);

    public static async Task<ToolRun> StartAsync(TimeSpan timeLimit, params string[] args)
    {
        var configuration = typeof(ToolRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var tool = Path.Combine(RepoRoot(), "loadtests", "bin", configuration, "net10.0", "FlashSale.LoadTests.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot() };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the tool did not finish in {timeLimit}: {string.Join(' ', args)}");
        }
        output.Append(await stdout).Append(await stderr);
        return new ToolRun(process.ExitCode, output.ToString());
    }

    public static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orleans.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above the test binaries.");
    }
}
