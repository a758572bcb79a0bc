using System.Net;
using System.Net.Sockets;
using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests.Baselines;

/// <summary>
/// A redis-server of the run's own: a scratch folder, a free loopback port, the append-only file fsynced before every
/// reply (<c>appendfsync always</c>, so an acknowledgement is durable, as the platform's are), no RDB snapshots, no
/// rewrites. Stopped and its folder removed at the end.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RedisServer(Process process, string folder, int port)
    {
        this.process = process;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }
    public int Port { get; }

    /// <summary>The append-only files (Redis 7 keeps them in a folder).</summary>
    public string AppendOnlyFolder => Path.Combine(Folder, "appendonlydir");

    /// <summary>The program to run: the one named, else redis-server on the PATH; a clear error when there is none.</summary>
    public static string Find(string? named)
    {
        if (named is not null)
        {
            return File.Exists(named) ? named : throw new MissingPrerequisiteException($"--redis-server: '{named}' does not exist.");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists);
        return onPath ?? throw new MissingPrerequisiteException(
            "--baseline redis needs redis-server, which is not installed: apt-get install -y redis-server (Debian), or name it with --redis-server PATH.");
    }

    public static async Task<RedisServer> StartAsync(string executable)
    {
        var folder = Directory.CreateTempSubdirectory("flashsale-redis-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var arg in new[]
        {
            "--port", $"{port}", "--bind", "127.0.0.1", "--dir", folder, "--daemonize", "no", "--logfile", "", "--loglevel", "notice",
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--auto-aof-rewrite-percentage", "0",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not { } line)
            {
                return;
            }
            if (output.Count < 200)
            {
                output.Enqueue(line);
            }
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server stopped at start: {string.Join(" | ", output.TakeLast(5))}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started, or gone already.
        }
        finally
        {
            process.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
