using System.Diagnostics;
using System.Reflection;

namespace FlashSale.Tests.Infrastructure;

/// <summary>A silo or front end as its own operating-system process (the built app), so a test can kill -9 it.</summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private PlatformProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? ""); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Add(e.Data ?? ""); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Output { get { lock (output) { return string.Join('\n', output.TakeLast(40)); } } }

    /// <summary>Everything it printed so far.</summary>
    public string AllOutput { get { lock (output) { return string.Join('\n', output); } } }

    /// <param name="project">"client" (front end, standalone or cluster) or "silo".</param>
    public static PlatformProcess Start(string project, params string[] args) => Start(project, quiet: true, args);

    /// <param name="quiet">Test log levels (<see cref="Platform.Quiet"/>); false: the app's own, as a newcomer sees them.</param>
    public static PlatformProcess Start(string project, bool quiet, params string[] args) => Start(project, quiet, new Dictionary<string, string>(), args);

    /// <param name="environment">Variables set for the process (e.g. the standard OTEL_* ones).</param>
    public static PlatformProcess Start(string project, bool quiet, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var configuration = typeof(PlatformProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var dll = Path.Combine(ToolRun.RepoRoot(), project, "bin", configuration, "net10.0", project == "client" ? "FlashSale.Client.dll" : "FlashSale.Silo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        foreach (var arg in quiet ? args.Concat(Platform.Quiet) : args)
        {
            start.ArgumentList.Add(arg);
        }
        FreePorts.Release(args);
        return new PlatformProcess(Process.Start(start)!, $"{project} {string.Join(' ', args.Where(a => a.Contains("urls") || a.Contains("SiloPort")))}");
    }

    /// <summary>Waits until /health/ready answers 200 (at most two minutes); a process that exits stops the wait at once.</summary>
    public async Task WaitReadyAsync(Uri health)
    {
        await Eventually.TrueAsync(async () => process.HasExited
            ? throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}")
            : await IsReadyAsync(health), $"{Name} is ready", TimeSpan.FromMinutes(2));
    }

    /// <summary>Whether /health/ready answers 200 now (no answer at all counts as not ready).</summary>
    public static async Task<bool> IsReadyAsync(Uri baseAddress)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync(new Uri(baseAddress, "/health/ready"))).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>kill -9: no shutdown, no flush, no goodbye to the cluster.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
