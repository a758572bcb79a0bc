using System.Text.Json;
using FlashSale.Client.Hosting;
using Microsoft.AspNetCore.Builder;

namespace FlashSale.Tests.Hosting;

public sealed class HealthTests
{
    public static TheoryData<Backend> Backends => [Backend.Sqlite, Backend.PostgreSql];

    [Theory, MemberData(nameof(Backends))]
    public async Task A_started_platform_is_live_and_ready_and_reports_its_storage(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        await using var platform = await Platform.StartAsync(store);

        var live = await platform.Http.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var ready = await platform.Http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var detailed = await platform.Marketer.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Anyone learns "ready"; only the marketer key shows what the database is and where it lives.
        Assert.Equal("""{"status":"Healthy"}""", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, detailed.StatusCode);
        var storage = report.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.Equal("Healthy", storage.GetProperty("status").GetString());
        if (backend == Backend.PostgreSql)
        {
            Assert.Equal("on", storage.GetProperty("data").GetProperty("fsync").GetString());
            Assert.Equal("on", storage.GetProperty("data").GetProperty("synchronous_commit").GetString());
        }
    }

    [Fact]
    public async Task An_unreachable_database_leaves_the_host_up_and_not_ready()
    {
        // A port nothing listens on: ours is let go at once.
        var closedPort = FreePorts.Next();
        FreePorts.Release(closedPort);
        var webPort = FreePorts.Next();
        var folder = Directory.CreateTempSubdirectory("flashsale-test-").FullName;
        string[] args =
        [
            $"--urls=http://127.0.0.1:{webPort}",
            $"--FlashSale:DataDirectory={folder}",
            "--FlashSale:Storage:Provider=PostgreSql",
            $"--ConnectionStrings:FlashSale=Host=127.0.0.1;Port={closedPort};Username=nobody;Password=x;Database=none;Timeout=2",
            $"--FlashSale:Cluster:SiloPort={FreePorts.Next()}",
            $"--FlashSale:Cluster:GatewayPort={FreePorts.Next()}",
            $"--FlashSale:Auth:MarketerKey={Platform.MarketerKey}",
            "--Logging:LogLevel:Default=None",
        ];
        var app = FlashSaleWebApp.Create(args);
        FreePorts.Release(args);
        using var stopStarting = new CancellationTokenSource();
        var starting = app.StartAsync(stopStarting.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };

        var live = await Eventually.SucceedsAsync(() => http.GetAsync("/health/live"));
        var ready = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var asMarketer = new HttpRequestMessage(HttpMethod.Get, "/health/ready") { Headers = { { "X-Api-Key", Platform.MarketerKey } } };
        var detailed = await http.SendAsync(asMarketer, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("""{"status":"Unhealthy"}""", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, detailed.StatusCode);
        Assert.Contains("unreachable", await detailed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(starting.IsCompleted, "the host keeps waiting for the database instead of failing");

        await stopStarting.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
        await app.DisposeAsync();
    }
}
