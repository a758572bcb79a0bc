using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// The load-test tool running in its own process, read line by line as it prints, so a test can act at a moment the
/// tool itself announces (the load is running) and then signal it as a terminal or a supervisor would.
/// </summary>
public sealed class RunningTool : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private RunningTool(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Received(e.Data, toLines: true);
        process.ErrorDataReceived += (_, e) => Received(e.Data, toLines: false);
        process.Exited += (_, _) => lines.Writer.TryComplete();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static RunningTool Start(string dll, params string[] args) => new(Process.Start(ToolRun.StartInfo(dll, args))!);

    /// <summary>The first line printed from now on that matches; fails if the tool ends or <paramref name="limit"/> passes first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no such line within {limit}:\n{Output}");
        }
        throw new InvalidOperationException($"the tool ended without printing such a line:\n{Output}");
    }

    /// <summary>Sends a POSIX signal (INT for Ctrl+C, TERM) to the tool's process, as `kill -INT pid` does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<ToolRun> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the tool did not end within {limit}:\n{Output}");
        }
        // WaitForExitAsync returns after the redirected streams reached their end: every line is in.
        return new ToolRun(process.ExitCode, Output);
    }

    private void Received(string? line, bool toLines)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
        if (toLines)
        {
            lines.Writer.TryWrite(line);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
