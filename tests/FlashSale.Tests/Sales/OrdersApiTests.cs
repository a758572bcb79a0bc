using System.Net.Http.Headers;
using System.Text.Json;

namespace FlashSale.Tests.Sales;

/// <summary>The shopper's and marketer's HTTP contract for sales and orders, on the standalone platform.</summary>
public sealed class OrdersApiTests : PlatformTest
{
    [Fact]
    public async Task A_shopper_holds_pays_and_finds_the_order_with_the_sale_price_in_their_currency()
    {
        await Shoppers.CreateSaleAsync(Platform, "bf", stock: 10, limit: 2);
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");

        var listing = await ana.GetFromJsonAsync<JsonElement>("/api/sales?region=BR");
        var placed = await Shoppers.OrderAsync(ana, "key-1", new { saleId = "bf", sku = "SNEAKER-1", quantity = 2, region = "BR" });
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = order.GetProperty("orderId").GetString();
        var paid = await ana.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { paymentMethod = "test-card" });
        var mine = await ana.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
        var stats = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/bf/stats");

        var item = listing[0].GetProperty("items")[0];
        Assert.Equal(99.90m, item.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("BRL", item.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(199.90m, item.GetProperty("listPrice").GetProperty("amount").GetDecimal());
        Assert.Equal("live", item.GetProperty("status").GetString());
        Assert.True(listing[0].TryGetProperty("serverTime", out _));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal("reserved", order.GetProperty("status").GetString());
        Assert.Equal(199.80m, order.GetProperty("quote").GetProperty("subtotal").GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("confirmed", mine.GetProperty("status").GetString());
        var counts = stats.GetProperty("items")[0];
        Assert.Equal((2, 0, 8), (counts.GetProperty("sold").GetInt32(), counts.GetProperty("held").GetInt32(), counts.GetProperty("available").GetInt32()));
    }

    [Fact]
    public async Task Idempotency_keys_replay_the_same_order_and_refuse_reuse_for_another()
    {
        await Shoppers.CreateSaleAsync(Platform, "idem", stock: 10, limit: 5);
        using var bob = await Shoppers.SignInAsync(Platform, "bob@example.com");
        var body = new { saleId = "idem", sku = "SNEAKER-1", quantity = 1, region = "US" };

        var first = await Shoppers.OrderAsync(bob, "same", body);
        var again = await Shoppers.OrderAsync(bob, "same", body);
        var otherBody = await Shoppers.OrderAsync(bob, "same", body with { quantity = 2 });
        var missing = await bob.PostAsJsonAsync("/api/orders", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(OrderIdOf(await first.Content.ReadAsStringAsync()), OrderIdOf(await again.Content.ReadAsStringAsync()));
        Assert.Equal(422, (int)otherBody.StatusCode);
        Assert.Equal("/problems/idempotency-key-reused", await TypeOf(otherBody));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(1, (await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/idem/stats")).GetProperty("items")[0].GetProperty("orders").GetInt32());
    }

    [Fact]
    public async Task Every_refusal_has_its_status_and_problem_type()
    {
        await Shoppers.CreateSaleAsync(Platform, "tiny", stock: 1, limit: 1);
        using var first = await Shoppers.SignInAsync(Platform, "first@example.com");
        using var second = await Shoppers.SignInAsync(Platform, "second@example.com");
        var body = new { saleId = "tiny", sku = "SNEAKER-1", quantity = 1, region = "BR" };

        await Shoppers.OrderAsync(first, "a", body);
        var limit = await Shoppers.OrderAsync(first, "b", body);
        var soldOut = await Shoppers.OrderAsync(second, "a", body);
        var promo = await Shoppers.OrderAsync(second, "p", new { saleId = "tiny", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = "NOPE" });
        var unknownSale = await Shoppers.OrderAsync(second, "u", new { saleId = "nosale", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var tooMany = await Shoppers.OrderAsync(second, "q", new { saleId = "tiny", sku = "SNEAKER-1", quantity = 2, region = "BR" });
        var wrongRegion = await Shoppers.OrderAsync(second, "r", new { saleId = "tiny", sku = "SNEAKER-1", quantity = 1, region = "JP" });
        await Platform.Marketer.PostAsync("/api/admin/sales/tiny/pause", null);
        var paused = await Shoppers.OrderAsync(second, "x", body);

        Assert.Equal((409, "/problems/limit-exceeded"), ((int)limit.StatusCode, await TypeOf(limit)));
        Assert.Equal((409, "/problems/sold-out"), ((int)soldOut.StatusCode, await TypeOf(soldOut)));
        Assert.Equal((422, "/problems/promo-rejected"), ((int)promo.StatusCode, await TypeOf(promo)));
        Assert.Equal((404, "/problems/not-found"), ((int)unknownSale.StatusCode, await TypeOf(unknownSale)));
        Assert.Equal((400, "/problems/validation"), ((int)tooMany.StatusCode, await TypeOf(tooMany)));
        Assert.Equal((400, "/problems/validation"), ((int)wrongRegion.StatusCode, await TypeOf(wrongRegion)));
        Assert.Equal((409, "/problems/sale-not-live"), ((int)paused.StatusCode, await TypeOf(paused)));
        // The effect: one unit held (the first order), nothing by any refusal, and each refusal counted under its reason.
        var item = (await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/tiny/stats")).GetProperty("items")[0];
        var rejected = item.GetProperty("rejected");
        Assert.Equal((1, 0, 1L), (item.GetProperty("held").GetInt32(), item.GetProperty("sold").GetInt32(), item.GetProperty("orders").GetInt64()));
        Assert.Equal((1, 1, 1, 1), (rejected.GetProperty("limit").GetInt32(), rejected.GetProperty("soldOut").GetInt32(),
            rejected.GetProperty("promo").GetInt32(), rejected.GetProperty("notLive").GetInt32()));
        Assert.Empty((await second.GetFromJsonAsync<JsonElement>("/api/orders")).EnumerateArray());
    }

    [Fact]
    public async Task Only_the_owner_sees_an_order_and_only_marketers_open_admin_paths()
    {
        await Shoppers.CreateSaleAsync(Platform, "own", stock: 10, limit: 1);
        using var owner = await Shoppers.SignInAsync(Platform, "owner@example.com");
        using var stranger = await Shoppers.SignInAsync(Platform, "stranger@example.com");
        var placed = await Shoppers.OrderAsync(owner, "k", new { saleId = "own", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var orderId = OrderIdOf(await placed.Content.ReadAsStringAsync());

        var theirs = await stranger.GetAsync($"/api/orders/{orderId}");
        var cancelTheirs = await stranger.PostAsync($"/api/orders/{orderId}/cancel", null);
        var anonymous = await Platform.Http.PostAsJsonAsync("/api/orders", new { saleId = "own", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        var shopperOnAdmin = await owner.GetAsync("/api/admin/sales/own/stats");
        using var forged = new HttpClient { BaseAddress = Platform.Http.BaseAddress };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken());
        var forgedCall = await forged.GetAsync("/api/orders");
        var stillHeld = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/own/stats");

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, shopperOnAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedCall.StatusCode);
        Assert.Equal(1, stillHeld.GetProperty("items")[0].GetProperty("held").GetInt32());
    }

    [Fact]
    public async Task The_live_stock_stream_tells_a_watcher_when_units_are_taken()
    {
        await Shoppers.CreateSaleAsync(Platform, "live", stock: 5, limit: 2);
        using var watcher = new HttpClient { BaseAddress = Platform.Http.BaseAddress };
        using var response = await watcher.GetAsync("/api/sales/live/events?region=BR", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var buyer = await Shoppers.SignInAsync(Platform, "watched@example.com");

        var first = await NextEvent(reader);
        await Shoppers.OrderAsync(buyer, "k", new { saleId = "live", sku = "SNEAKER-1", quantity = 2, region = "BR" });
        var second = await NextEvent(reader);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, first.GetProperty("items")[0].GetProperty("available").GetInt32());
        Assert.Equal(3, second.GetProperty("items")[0].GetProperty("available").GetInt32());
        Assert.True(second.TryGetProperty("serverTime", out _));
    }

    private static async Task<JsonElement> NextEvent(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data:".Length..]).RootElement.Clone();
            }
        }
        throw new EndOfStreamException("The event stream ended.");
    }

    [Fact]
    public async Task A_sale_with_unknown_parts_is_refused_naming_each_field()
    {
        var response = await Platform.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            name = "Broken",
            startsAt = DateTimeOffset.UtcNow.AddHours(2),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            regions = new[] { "BR", "FR" },
            items = new object[] { new { sku = "GHOST", stock = 0, salePrices = new Dictionary<string, decimal> { ["BR"] = 10.001m } } },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var sales = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.All(new[] { "endsAt", "regions[1]", "items[0].sku", "items[0].stock" }, field => Assert.True(errors.TryGetProperty(field, out _), $"{field} in {errors}"));
        Assert.Empty(sales.EnumerateArray());
    }




    private static string? OrderIdOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("orderId").GetString();

    private static async Task<string?> TypeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString();

    /// <summary>A well-formed token signed with a key that is not the platform's.</summary>
    private static string ForgedToken()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]);
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "flashsale",
            Audience = "flashsale-shop",
            Claims = new Dictionary<string, object> { ["sub"] = "c_owner" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "HS256"),
        });
    }
}
