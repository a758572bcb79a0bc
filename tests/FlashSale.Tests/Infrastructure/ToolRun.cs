using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace FlashSale.Tests.Infrastructure;

/// <summary>The load-test tool run as a user runs it: its own process, its exit code and everything it printed.</summary>
public sealed record ToolRun(int ExitCode, string Output)
{
    public string LastLine => Output.TrimEnd().Split('\n').Last().Trim();

    public static Task<ToolRun> StartAsync(params string[] args) => StartAsync(TimeSpan.FromMinutes(3), args);

    public static Task<ToolRun> StartAsync(TimeSpan timeLimit, params string[] args) => StartAsync(ToolDll, timeLimit, args);

    /// <summary>The tool built beside the tests.</summary>
    public static string ToolDll => Built("loadtests", "FlashSale.LoadTests.dll");

    /// <summary>The README's example program: the tool with a scenario of one's own in it.</summary>
    public static string ExampleDll => Built(Path.Combine("loadtests", "Examples"), "FlashSale.LoadTests.Examples.dll");

    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot() };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    public static async Task<ToolRun> StartAsync(string dll, TimeSpan timeLimit, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(dll, args, environment))!;
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

    private static string Built(string folder, string dll)
    {
        var configuration = typeof(ToolRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return Path.Combine(RepoRoot(), folder, "bin", configuration, "net10.0", dll);
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
