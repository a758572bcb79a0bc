using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FlashSale.Tests.Hosting;

/// <summary>With the standard OTEL_EXPORTER_OTLP_ENDPOINT set, the platform sends its traces there, grain calls included.</summary>
[Collection(ProcessHeavyCollection.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task A_holds_trace_reaches_the_collector_with_its_HTTP_request_and_its_grain_calls()
    {
        await using var collector = await OtlpTraceCollector.StartAsync();
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        await using var platform = PlatformProcess.Start("client", quiet: true, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        }, [.. Platform.HostArgs(store, url.ToString()), "--FlashSale:Auth:ShopperSignIn=Open", "--FlashSale:Demo=false"]);
        await platform.WaitReadyAsync(url);
        using var marketer = new HttpClient { BaseAddress = url };
        marketer.DefaultRequestHeaders.Add("X-Api-Key", Platform.MarketerKey);
        await TestShop.AddRegionsAsync(marketer);
        await TestShop.AddProductAsync(marketer, "SNEAKER-1");
        (await marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "traced",
            name = "Traced",
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            regions = new[] { "BR" },
            items = new[] { new { sku = "SNEAKER-1", stock = 5, salePrices = new Dictionary<string, decimal> { ["BR"] = 99.90m } } },
        })).EnsureSuccessStatusCode();
        using var shopper = new HttpClient { BaseAddress = url };
        var session = await (await shopper.PostAsJsonAsync("/api/session", new { email = "traced@example.com" })).Content.ReadFromJsonAsync<JsonElement>();
        shopper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());

        // The hold joins a trace of ours (W3C traceparent), so its spans can be told from all others.
        var traceId = ActivityTraceId.CreateRandom();
        using var hold = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { saleId = "traced", sku = "SNEAKER-1", quantity = 1, region = "BR" }),
            Headers = { { "Idempotency-Key", "traced-1" }, { "traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await shopper.SendAsync(hold)).StatusCode);

        List<ReceivedSpan> trace = [];
        await Eventually.TrueAsync(() =>
        {
            trace = collector.Spans.Where(s => s.TraceId == traceId.ToHexString()).ToList();
            return Task.FromResult(trace.Any(s => s.Scope == "Microsoft.AspNetCore" && s.Name.StartsWith("POST", StringComparison.Ordinal))
                && trace.Any(s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)));
        }, () => $"the hold's trace has its HTTP span and a grain call: {string.Join("; ", trace)}; {collector.Spans.Count} spans in all\n{platform.Output}",
            TimeSpan.FromSeconds(30));
        // The grain calls name the grain and method they called (e.g. IStockShardGrain/Hold).
        Assert.Contains(trace, s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Name.Contains("Hold", StringComparison.Ordinal));
    }
}
