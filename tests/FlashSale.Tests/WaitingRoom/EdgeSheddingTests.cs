using System.Net;
using System.Text;
using System.Text.Json;
using FlashSale.Client.Features.Waiting;
using FlashSale.Client.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Tests.WaitingRoom;

/// <summary>A front end at its limit of requests in flight answers at once with 503 and Retry-After, and recovers.</summary>
public sealed class EdgeSheddingTests
{
    [Fact]
    public async Task Past_the_limit_in_flight_shoppers_get_a_fast_503_while_marketers_still_get_through()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, "--FlashSale:Edge:MaxInFlight=1");
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
        await Shoppers.CreateSaleAsync(platform, "shed", stock: 10, limit: 2, "BR");
        using var slow = await Shoppers.SignInAsync(platform, "slow@example.com");
        using var other = await Shoppers.SignInAsync(platform, "other@example.com");
        var shedding = platform.App.Services.GetRequiredService<EdgeShedding>();

        // One order whose body is still on its way holds the only place in flight.
        var body = new HeldBody("""{"saleId":"shed","sku":"SNEAKER-1","quantity":1,"region":"BR"}""");
        var slowOrder = Send(slow, "slow-1", body);
        await Eventually.TrueAsync(() => Task.FromResult(shedding.InFlight == 1), "the slow order is in flight");
        var refused = await Shoppers.OrderAsync(other, "other-1", new { saleId = "shed", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var marketer = await platform.Marketer.GetAsync("/api/admin/sales/shed/stats");
        body.Release();
        var slowAnswer = await slowOrder;
        var retried = await Shoppers.OrderAsync(other, "other-1", new { saleId = "shed", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var stats = await platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/shed/stats");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("/problems/overloaded", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, marketer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, slowAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(2, stats.GetProperty("items")[0].GetProperty("held").GetInt32());
        Assert.Equal(0, shedding.InFlight);
    }

    [Fact]
    public async Task At_the_limit_a_shopper_back_on_their_turn_in_the_waiting_room_gets_through_while_a_newcomer_is_shed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, services => services.AddSingleton(new ShopClock(clock)), "--FlashSale:Edge:MaxInFlight=1");
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
        var created = await platform.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "turns", name = "Turns", startsAt = clock.GetUtcNow().AddMinutes(-1), endsAt = clock.GetUtcNow().AddHours(1), regions = new[] { "BR" },
            holdMinutes = 10, waitingRoom = new { admitPerSecond = 1 },
            items = new[] { new { sku = "SNEAKER-1", stock = 10, perCustomerLimit = 2, salePrices = new Dictionary<string, decimal> { ["BR"] = 99.90m } } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var slow = await Shoppers.SignInAsync(platform, "slow@example.com");
        using var newcomer = await Shoppers.SignInAsync(platform, "new@example.com");
        var line = new { saleId = "turns", sku = "SNEAKER-1", quantity = 1, region = "BR" };
        // The shop's clock stands still: the empty line lets a second's worth through, then shoppers wait their turn.
        HttpClient? queued = null;
        var key = "";
        var place = default(JsonElement);
        for (var i = 0; i < 5 && queued is null; i++)
        {
            var shopper = await Shoppers.SignInAsync(platform, $"line{i}@example.com");
            var answer = await Shoppers.OrderAsync(shopper, $"line-{i}", line);
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                (queued, key, place) = (shopper, $"line-{i}", await answer.Content.ReadFromJsonAsync<JsonElement>());
                continue;
            }
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            shopper.Dispose();
        }
        Assert.NotNull(queued);
        var ticket = place.GetProperty("ticket").GetString()!;
        var shedding = platform.App.Services.GetRequiredService<EdgeShedding>();

        // One order whose body is still on its way holds the only place in flight; then the queued shopper's turn comes.
        var body = new HeldBody("""{"saleId":"turns","sku":"SNEAKER-1","quantity":1,"region":"BR"}""");
        var slowOrder = Send(slow, "slow-1", body);
        await Eventually.TrueAsync(() => Task.FromResult(shedding.InFlight == 1), "the slow order is in flight");
        clock.Advance(TimeSpan.FromSeconds(place.GetProperty("retryAfter").GetInt32() + 1));
        var newcomerAnswer = await Shoppers.OrderAsync(newcomer, "new-1", line);
        var onTurn = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(line) };
        onTurn.Headers.Add("Idempotency-Key", key);
        onTurn.Headers.Add(WaitingRoomTickets.Header, ticket);
        var turnAnswer = await queued.SendAsync(onTurn);
        body.Release();
        await slowOrder;
        queued.Dispose();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, newcomerAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, turnAnswer.StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient shopper, string key, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = body };
        request.Headers.Add("Idempotency-Key", key);
        return shopper.SendAsync(request);
    }

    [Fact]
    public async Task A_front_end_publishes_the_edge_limit_in_force_and_the_wait_it_follows()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await Platform.StartAsync(store, "--FlashSale:Edge:Adaptive=true", "--FlashSale:Edge:MaxInFlight=700");

        // The probe looks ten times a second; an idle front end's limit is the configured one.
        var metrics = "";
        await Eventually.TrueAsync(async () =>
        {
            metrics = await platform.Marketer.GetStringAsync("/metrics");
            return metrics.Contains("flashsale_edge_pool_wait_milliseconds", StringComparison.Ordinal);
        }, "the thread pool's wait is published");

        var limit = metrics.Split('\n').Single(line => line.StartsWith("flashsale_edge_limit", StringComparison.Ordinal));
        Assert.EndsWith(" 700", limit);
    }

    /// <summary>A JSON body whose bytes are sent only once the test releases them (its headers go at once).</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBody(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(_bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
