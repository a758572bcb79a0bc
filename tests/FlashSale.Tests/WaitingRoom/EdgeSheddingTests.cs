using System.Net;
using System.Text;
using System.Text.Json;
using FlashSale.Client.Limits;
using Microsoft.Extensions.DependencyInjection;

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

    private static Task<HttpResponseMessage> Send(HttpClient shopper, string key, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = body };
        request.Headers.Add("Idempotency-Key", key);
        return shopper.SendAsync(request);
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
