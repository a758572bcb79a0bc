using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using FlashSale.Client.Features.LiveStock;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace FlashSale.Tests.Sales;

/// <summary>
/// The live stock stream (<c>GET /api/sales/{id}/events</c>): one read of a sale per front end however many watch it,
/// a cap per address and in all, and an end (when the sale ends, and after a stream's lifetime).
/// </summary>
public sealed class StockStreamTests
{
    [Fact]
    public async Task A_sales_stream_tells_its_end_and_closes()
    {
        await using var shop = await ShopAsync();
        await Shoppers.CreateSaleAsync(shop.Platform, "closing", stock: 5, limit: 2, "BR");
        using var watcher = new HttpClient { BaseAddress = shop.Platform.Http.BaseAddress };
        using var response = await watcher.GetAsync("/api/sales/closing/events?region=BR", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextEvent(reader);
        (await shop.Platform.Marketer.PostAsync("/api/admin/sales/closing/end", null)).EnsureSuccessStatusCode();
        var rest = await RestOf(reader);

        Assert.Equal("live", first!.Value.GetProperty("status").GetString());
        Assert.Equal("ended", rest[^1].GetProperty("status").GetString());
        Assert.Equal(0, shop.Platform.App.Services.GetRequiredService<StockFeeds>().Polling);
    }

    [Fact]
    public async Task Many_watchers_of_a_sale_share_one_read_of_it_and_all_see_a_change()
    {
        var reads = new SaleReads();
        await using var shop = await ShopAsync(services => services.AddSingleton<IIncomingGrainCallFilter>(reads));
        await Shoppers.CreateSaleAsync(shop.Platform, "crowd", stock: 50, limit: 5, "BR");
        using var buyer = await Shoppers.SignInAsync(shop.Platform, "crowd@example.com");
        using var watchers = new HttpClient { BaseAddress = shop.Platform.Http.BaseAddress };
        var streams = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var response = await watchers.GetAsync("/api/sales/crowd/events?region=BR", HttpCompletionOption.ResponseHeadersRead);
            return (Response: response, Reader: new StreamReader(await response.Content.ReadAsStreamAsync()));
        }));
        var first = await Task.WhenAll(streams.Select(s => NextEvent(s.Reader)));
        var readsBefore = reads.Count;
        var clock = Stopwatch.StartNew();

        await Shoppers.OrderAsync(buyer, "one", new { saleId = "crowd", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var next = await Task.WhenAll(streams.Select(s => NextEvent(s.Reader)));
        var readsDuring = reads.Count - readsBefore;
        var ticks = clock.Elapsed / StockFeeds.Tick;

        Assert.All(first, e => Assert.Equal(50, Available(e)));
        Assert.All(next, e => Assert.Equal(49, Available(e)));
        // One feed reads the sale once a tick (slack for timer jitter); a read per watcher would be twenty a tick.
        Assert.True(readsDuring <= (2 * ticks) + 4, $"{readsDuring} reads of the sale in {ticks:F1} ticks for 20 watchers");
        Assert.Equal(1, shop.Platform.App.Services.GetRequiredService<StockFeeds>().Polling);
        foreach (var (response, reader) in streams)
        {
            reader.Dispose();
            response.Dispose();
        }
    }

    [Fact]
    public async Task Streams_past_the_cap_of_an_address_or_of_the_front_end_are_refused_with_503_and_retry_after()
    {
        await using var shop = await ShopAsync(null, "--FlashSale:Events:MaxStreams=3", "--FlashSale:Events:MaxStreamsPerAddress=2");
        await Shoppers.CreateSaleAsync(shop.Platform, "capped", stock: 5, limit: 2, "BR");
        using var first = From(shop.Platform, "127.0.0.1");
        using var second = From(shop.Platform, "127.0.0.2");
        using var third = From(shop.Platform, "127.0.0.3");
        const string path = "/api/sales/capped/events?region=BR";

        using var a = await first.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var b = await first.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var overAddress = await first.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var c = await second.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var overTotal = await third.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { a.StatusCode, b.StatusCode, c.StatusCode });
        foreach (var refused in new[] { overAddress, overTotal })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("/problems/too-many-streams", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }

        // A watcher that leaves makes room again.
        a.Dispose();
        var again = await Eventually.SucceedsAsync(async () =>
        {
            var response = await first.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                response.Dispose();
                throw new InvalidOperationException($"still {(int)response.StatusCode}");
            }
            return response;
        });
        again.Dispose();
    }

    [Fact]
    public async Task A_stream_ends_after_its_lifetime_so_the_browser_reconnects()
    {
        await using var shop = await ShopAsync(null, "--FlashSale:Events:StreamSeconds=1");
        await Shoppers.CreateSaleAsync(shop.Platform, "long", stock: 5, limit: 2, "BR");
        using var watcher = new HttpClient { BaseAddress = shop.Platform.Http.BaseAddress };
        using var response = await watcher.GetAsync("/api/sales/long/events?region=BR", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var events = await RestOf(reader);

        Assert.All(events, e => Assert.Equal("live", e.GetProperty("status").GetString()));
    }

    private static int Available(JsonElement? message) => message!.Value.GetProperty("items")[0].GetProperty("available").GetInt32();

    /// <summary>A client whose connections come from <paramref name="address"/> (any 127.x address is this machine).</summary>
    private static HttpClient From(Platform platform, string address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = platform.Http.BaseAddress };

    /// <summary>The next message of a stream; null when it ends.</summary>
    private static async Task<JsonElement?> NextEvent(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data:".Length..]).RootElement.Clone();
            }
        }
        return null;
    }

    /// <summary>Every message until the stream ends (failing when it does not end within 30 s).</summary>
    private static async Task<List<JsonElement>> RestOf(StreamReader reader)
    {
        var messages = new List<JsonElement>();
        var deadline = Stopwatch.StartNew();
        while (await NextEvent(reader) is { } message)
        {
            messages.Add(message);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the stream did not end within 30 s");
        }
        return messages;
    }

    private static async Task<Shop> ShopAsync(Action<IServiceCollection>? overrides = null, params string[] extra)
    {
        var store = await Store.CreateAsync(Backend.Sqlite);
        var platform = await Platform.StartAsync(store, overrides ?? (_ => { }), extra);
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
        return new Shop(store, platform);
    }

    private sealed record Shop(Store Store, Platform Platform) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Platform.DisposeAsync();
            await Store.DisposeAsync();
        }
    }

    /// <summary>Counts reads of a sale through the silos' storefront reads.</summary>
    private sealed class SaleReads : IIncomingGrainCallFilter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == "GetSale" && context.InterfaceMethod.DeclaringType?.Name == "IPricingGrain")
            {
                Interlocked.Increment(ref _count);
            }
            return context.Invoke();
        }
    }
}
