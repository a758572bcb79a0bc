using System.Diagnostics;

namespace FlashSale.Tests.Identity;

/// <summary>
/// A real SMTP server for a test: Debian's aiosmtpd (python3-aiosmtpd, installed by tests/run.sh) on a free loopback
/// port, printing every message it receives (its Debugging handler) for the test to read.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder received = new();

    private SmtpServer(Process process, int port)
    {
        this.process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { lock (received) { received.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (received) { received.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>Everything it printed: the messages it accepted, headers and body.</summary>
    public string Received { get { lock (received) { return received.ToString(); } } }

    public static async Task<SmtpServer> StartAsync()
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Debugging" })
        {
            start.ArgumentList.Add(arg);
        }
        FreePorts.Release(port);
        var server = new SmtpServer(Process.Start(start)!, port);
        await Eventually.TrueAsync(async () =>
        {
            using var client = new System.Net.Sockets.TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return server.process.HasExited ? throw new InvalidOperationException($"aiosmtpd exited: {server.Received}") : false;
            }
        }, "the SMTP server listens");
        return server;
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
