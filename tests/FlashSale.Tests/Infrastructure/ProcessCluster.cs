using FlashSale.LoadTests.Targets;
namespace FlashSale.Tests.Infrastructure;

/// <summary>
/// Silo processes on PostgreSQL membership and storage, and front-end processes (cluster mode) in front of them, each
/// an operating-system process a test can kill -9 and start again on the same ports.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private const string SigningKey = "crash-tests-signing-key-0123456789-abcdef";

    public static readonly string[] ClusterArgs = ["--FlashSale:Cluster:Mode=AdoNet", $"--FlashSale:Auth:SigningKey={SigningKey}"];

    /// <summary>Shopper tokens the cluster's front ends accept (made with its signing key, as a trusted provider would).</summary>
    public static readonly PlatformTokens Tokens = PlatformTokens.FromSecret(SigningKey);

    private readonly Store store;
    private readonly List<(int SiloPort, Uri Health)> siloPorts = [];
    private readonly List<PlatformProcess?> silos = [];
    private readonly List<PlatformProcess?> frontEnds = [];

    private ProcessCluster(Store store, int silos, int frontEnds)
    {
        this.store = store;
        for (var i = 0; i < silos; i++)
        {
            siloPorts.Add((FreePorts.Next(), new Uri($"http://127.0.0.1:{FreePorts.Next()}")));
        }
        FrontEnds = [.. Enumerable.Range(0, frontEnds).Select(_ => new Uri($"http://127.0.0.1:{FreePorts.Next()}"))];
    }

    /// <summary>The front ends' addresses (they keep them across restarts).</summary>
    public IReadOnlyList<Uri> FrontEnds { get; }

    public IReadOnlyList<int> SiloPorts => [.. siloPorts.Select(s => s.SiloPort)];

    public static async Task<ProcessCluster> StartAsync(Store store, int silos, int frontEnds = 1)
    {
        var cluster = new ProcessCluster(store, silos, frontEnds);
        await cluster.StartAllAsync();
        return cluster;
    }

    /// <summary>Starts every silo, then every front end, and waits until each says it is ready.</summary>
    public async Task StartAllAsync()
    {
        await DisposeAsync();
        silos.Clear();
        frontEnds.Clear();
        foreach (var (siloPort, health) in siloPorts)
        {
            silos.Add(StartSilo(siloPort, health));
        }
        await Task.WhenAll(silos.Select((silo, i) => silo!.WaitReadyAsync(siloPorts[i].Health)));
        foreach (var url in FrontEnds)
        {
            frontEnds.Add(PlatformProcess.Start("client", [.. Platform.HostArgs(store, url.ToString()), .. ClusterArgs]));
        }
        await Task.WhenAll(frontEnds.Select((frontEnd, i) => frontEnd!.WaitReadyAsync(FrontEnds[i])));
    }

    /// <summary>kill -9 of the silo listening on <paramref name="siloPort"/>.</summary>
    public void KillSilo(int siloPort)
    {
        var index = siloPorts.FindIndex(s => s.SiloPort == siloPort);
        silos[index]!.KillHard();
    }

    /// <summary>Starts the silo on <paramref name="siloPort"/> again (after it was killed) and waits until it is ready.</summary>
    public async Task RestartSiloAsync(int siloPort)
    {
        var index = siloPorts.FindIndex(s => s.SiloPort == siloPort);
        await silos[index]!.DisposeAsync();
        silos[index] = StartSilo(siloPort, siloPorts[index].Health);
        await silos[index]!.WaitReadyAsync(siloPorts[index].Health);
    }

    private PlatformProcess StartSilo(int siloPort, Uri health)
    {
        // The host's own silo port is replaced by this silo's (kept across restarts); the one it was given is let go.
        var args = Platform.HostArgs(store, health.ToString());
        FreePorts.Release(args.Where(a => a.Contains("SiloPort", StringComparison.Ordinal)));
        return PlatformProcess.Start("silo", [.. args.Where(a => !a.Contains("SiloPort", StringComparison.Ordinal)), $"--FlashSale:Cluster:SiloPort={siloPort}", .. ClusterArgs]);
    }

    /// <summary>kill -9 of every silo and front end at once.</summary>
    public void KillAll()
    {
        Parallel.ForEach(silos.Concat(frontEnds), process => process?.KillHard());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in frontEnds.Concat(silos))
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }
}
