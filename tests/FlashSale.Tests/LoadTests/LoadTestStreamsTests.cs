using FlashSale.Client.Hosting;

namespace FlashSale.Tests.LoadTests;

/// <summary>
/// The streams scenario against a real platform: a few hundred live stock streams held open from one address (the
/// platform's per-address cap off, as the README says to run it) while shoppers hold; every stream sees the last stock.
/// </summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class LoadTestStreamsTests : IAsyncLifetime
{
    private Store _store = null!;
    private Platform _platform = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await Store.CreateAsync(Backend.Sqlite);
        _platform = await Platform.StartAsync(_store, "--FlashSale:Events:MaxStreamsPerAddress=0");
    }

    [Fact]
    public async Task Every_stream_held_open_through_a_burst_of_holds_sees_the_final_stock_and_the_delay_is_reported()
    {
        const int connections = 300;
        var reports = Directory.CreateTempSubdirectory("flashsale-lt-").FullName;
        var run = await ToolRun.StartAsync("run", "streams", "--target", _platform.App.Address().ToString(), "--api-key", Platform.MarketerKey,
            "--data-dir", _platform.DataDirectory, "--connections", $"{connections}", "--rate", "20", "--duration", "3s", "--warmup", "0",
            "--stock", "1000", "--report-dir", reports, "--threshold", $"saw-final-stock>={connections}");

        Assert.True(run.ExitCode == 0, run.Output);
        var summary = SummarySchema.ValidFile(Path.Combine(reports, "summary.json"));
        var metrics = summary.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value"));
        Assert.Equal(connections, metrics["connections-open"].GetDouble());
        Assert.Equal(0, metrics["connections-dropped"].GetDouble());
        Assert.Equal(0, metrics["connections-refused"].GetDouble());
        Assert.Equal(connections, metrics["saw-final-stock"].GetDouble());
        // Holds were made while the streams were open, so each stream saw changes and their delays were measured.
        var holds = summary.GetProperty("phases")[0].GetProperty("steps")[0].GetProperty("ok").GetInt64();
        Assert.True(holds > 0, run.Output);
        Assert.True(metrics["stream-delay-p99-ms"].GetDouble() > 0, run.Output);
        var left = (await _platform.Marketer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/sales", TestContext.Current.CancellationToken))
            .EnumerateArray().Single(s => s.GetProperty("id").GetString()!.StartsWith("lt-live-", StringComparison.Ordinal)).GetProperty("items")[0];
        Assert.Equal(holds, left.GetProperty("held").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _store.DisposeAsync();
    }
}
