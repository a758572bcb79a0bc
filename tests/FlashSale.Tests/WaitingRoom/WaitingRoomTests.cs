using System.Text.Json;
using FlashSale.Client.Features.Waiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashSale.Tests.WaitingRoom;

/// <summary>
/// A sale's waiting room over HTTP, with the shop's clock held by the test: past the room's rate shoppers get a place
/// in line and a signed ticket, and are let through, in the order they came, when their turn comes.
/// </summary>
public sealed class WaitingRoomTests : PlatformTest
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private string _sale = "";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ShopClock(_clock));

    [Fact]
    public async Task Past_the_rate_shoppers_get_places_in_arrival_order_and_buy_on_their_turn_with_their_ticket()
    {
        await CreateSaleAsync("queue", stock: 100, admitPerSecond: 2);
        var shoppers = new List<HttpClient>();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            shoppers.Add(await Shoppers.SignInAsync(Platform, $"line{i}@example.com"));
            answers.Add(await Order(shoppers[i], $"k{i}"));
        }

        // An empty line lets a second's worth through; everyone after waits, each behind the one before.
        var through = answers.TakeWhile(a => a.StatusCode == HttpStatusCode.Created).Count();
        Assert.InRange(through, 2, 3);
        var waiting = answers.Skip(through).ToList();
        Assert.All(waiting, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var places = await Task.WhenAll(waiting.Select(a => a.Content.ReadFromJsonAsync<JsonElement>()));
        var positions = places.Select(p => p.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Count, positions.Distinct().Count());
        Assert.All(places, p => Assert.InRange(p.GetProperty("retryAfter").GetInt32(), 1, 5));
        Assert.All(waiting, a => Assert.True(a.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After on a 202"));
        Assert.Equal(through, await HeldAsync("queue"));

        // Before the last shopper's turn their ticket gives them their place again; on their turn it lets them buy.
        var last = places[^1];
        var lastShopper = shoppers[^1];
        var early = await Order(lastShopper, "k7", Ticket(last));
        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        Assert.Equal(last.GetProperty("position").GetInt64(), (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetInt64());
        _clock.Advance(TimeSpan.FromSeconds(last.GetProperty("retryAfter").GetInt32()));
        var onTurn = await Order(lastShopper, "k7", Ticket(last));
        Assert.Equal(HttpStatusCode.Created, onTurn.StatusCode);
        Assert.Equal(through + 1, await HeldAsync("queue"));
    }

    [Fact]
    public async Task A_line_whose_grain_is_lost_serves_newcomers_after_the_shoppers_already_holding_tickets()
    {
        await CreateSaleAsync("lost", stock: 100, admitPerSecond: 1);
        var places = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            var shopper = await Shoppers.SignInAsync(Platform, $"lost{i}@example.com");
            var answer = await Order(shopper, $"lost-{i}");
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                places.Add(await answer.Content.ReadFromJsonAsync<JsonElement>());
            }
        }
        Assert.True(places.Count >= 3, "past the first second's worth, shoppers wait");

        // The line's activation goes, as when its silo dies; the next arrival wakes a new one.
        await Platform.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var newcomer = await Shoppers.SignInAsync(Platform, "newcomer@example.com");
        var late = await Order(newcomer, "newcomer-1");

        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        var lastTurn = places.Max(p => p.GetProperty("admitAt").GetDateTimeOffset());
        var turn = (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("admitAt").GetDateTimeOffset();
        Assert.True(turn > lastTurn, $"the newcomer's turn ({turn:O}) comes after every ticket given before the line was lost (the last {lastTurn:O})");
    }

    [Fact]
    public async Task A_ticket_cannot_be_forged_passed_to_another_shopper_or_spent_on_a_second_order()
    {
        await CreateSaleAsync("tickets", stock: 100, admitPerSecond: 1);
        using var first = await Shoppers.SignInAsync(Platform, "first@example.com");
        using var second = await Shoppers.SignInAsync(Platform, "second@example.com");
        using var ana = await Shoppers.SignInAsync(Platform, "ana@example.com");
        using var bob = await Shoppers.SignInAsync(Platform, "bob@example.com");
        Assert.Equal(HttpStatusCode.Created, (await Order(first, "a")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Order(second, "a")).StatusCode);
        var place = await (await Order(ana, "ana-1")).Content.ReadFromJsonAsync<JsonElement>();
        var ticket = place.GetProperty("ticket").GetString()!;
        _clock.Advance(TimeSpan.FromSeconds(place.GetProperty("retryAfter").GetInt32()));

        var forged = await Order(ana, "ana-1", Tampered(ticket));
        var bobs = await Order(bob, "ana-1", ticket);
        var otherOrder = await Order(ana, "ana-2", ticket);
        var used = await Order(ana, "ana-1", ticket);
        var usedAgain = await Order(ana, "ana-1", ticket);

        foreach (var refused in new[] { forged, bobs, otherOrder })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(WaitingRoomTickets.Header, out _), "the problem names the ticket header");
        }
        Assert.Equal(HttpStatusCode.Created, used.StatusCode);
        // The same ticket again is the same order (its Idempotency-Key), never a second unit.
        Assert.Equal((await used.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString(),
            (await usedAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString());
        Assert.Single(await ana.GetFromJsonAsync<JsonElement[]>("/api/orders") ?? []);
        Assert.Equal(3, await HeldAsync("tickets"));
    }

    [Fact]
    public async Task Once_holds_cover_the_stock_shoppers_in_line_and_new_ones_are_told_sold_out_at_once_and_holders_repeating_get_their_order()
    {
        // Three units, one shopper a second: a and b go straight through (the empty line's burst), c and d get places
        // while a unit is still free (so every reading of the stock gives them one), and d, back on its turn first, takes it.
        await CreateSaleAsync("gone", stock: 3, admitPerSecond: 1);
        using var a = await Shoppers.SignInAsync(Platform, "a@example.com");
        using var b = await Shoppers.SignInAsync(Platform, "b@example.com");
        using var c = await Shoppers.SignInAsync(Platform, "c@example.com");
        using var d = await Shoppers.SignInAsync(Platform, "d@example.com");
        using var e = await Shoppers.SignInAsync(Platform, "e@example.com");
        using var aHeld = await Order(a, "k");
        Assert.Equal(HttpStatusCode.Created, aHeld.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Order(b, "k")).StatusCode);
        var cPlace = await Order(c, "k");
        var dPlace = await Order(d, "k");
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (cPlace.StatusCode, dPlace.StatusCode));
        var cTicket = Ticket(await cPlace.Content.ReadFromJsonAsync<JsonElement>());
        var dWaiting = await dPlace.Content.ReadFromJsonAsync<JsonElement>();
        _clock.Advance(TimeSpan.FromSeconds(dWaiting.GetProperty("retryAfter").GetInt32()));
        using var dHeld = await Order(d, "k", Ticket(dWaiting));
        Assert.Equal(HttpStatusCode.Created, dHeld.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await Platform.Http.GetFromJsonAsync<JsonElement>("/api/sales/gone?region=BR")).GetProperty("items")[0].GetProperty("available").GetInt32() == 0,
            "the storefront shows the stock held");

        var inLine = await Order(c, "k", cTicket);
        var newcomer = await Order(e, "k");
        var stats = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/gone/stats");

        foreach (var answer in new[] { inLine, newcomer })
        {
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.Equal("/problems/sold-out", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
        var item = stats.GetProperty("items")[0];
        Assert.Equal((0, 3), (item.GetProperty("sold").GetInt32(), item.GetProperty("held").GetInt32()));
        Assert.True(item.GetProperty("rejected").GetProperty("soldOut").GetInt64() >= 2, "refusals at the room's door are counted");

        // Shoppers who hold the last units and repeat their order (its answer was lost) get that order again, with or
        // without the ticket they came in with, not "sold out".
        foreach (var (shopper, ticket, first) in new[] { (a, (string?)null, aHeld), (d, Ticket(dWaiting), dHeld) })
        {
            using var repeat = await Order(shopper, "k", ticket);
            Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
            Assert.Equal(
                (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString(),
                (await repeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString());
        }
    }

    [Fact]
    public async Task A_marketer_turns_the_room_on_and_off_on_a_live_sale_and_bad_rates_are_refused()
    {
        await Shoppers.CreateSaleAsync(Platform, "switch", stock: 100, limit: 2);
        var bad = await Platform.Marketer.PutAsJsonAsync("/api/admin/sales/switch/waiting-room", new { admitPerSecond = 0 });
        var on = await Platform.Marketer.PutAsJsonAsync("/api/admin/sales/switch/waiting-room", new { admitPerSecond = 1 });
        var unknown = await Platform.Marketer.PutAsJsonAsync("/api/admin/sales/nope/waiting-room", new { admitPerSecond = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("admitPerSecond", out _));
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal(1, (await on.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waitingRoom").GetProperty("admitPerSecond").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Within a second every front end follows: with a rate of 1, a burst of shoppers meets the line.
        var shopper = 0;
        await Eventually.TrueAsync(async () =>
        {
            using var client = await Shoppers.SignInAsync(Platform, $"on{shopper++}@example.com");
            return (await Order(client, "k", saleId: "switch")).StatusCode == HttpStatusCode.Accepted;
        }, "the room gives places in line");
        var off = await Platform.Marketer.DeleteAsync("/api/admin/sales/switch/waiting-room");
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waitingRoom").ValueKind);
        await Eventually.TrueAsync(async () =>
        {
            using var client = await Shoppers.SignInAsync(Platform, $"off{shopper++}@example.com");
            return (await Order(client, "k", saleId: "switch")).StatusCode == HttpStatusCode.Created;
        }, "orders go straight through again");
    }

    [Fact]
    public async Task A_sale_created_with_a_bad_room_rate_is_refused_naming_the_field()
    {
        var response = await Platform.Marketer.PostAsJsonAsync("/api/admin/sales", SaleBody("bad-room", 10, admitPerSecond: 1_000_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("waitingRoom.admitPerSecond", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Platform.Marketer.GetAsync("/api/admin/sales/bad-room")).StatusCode);
    }

    private async Task CreateSaleAsync(string id, int stock, int admitPerSecond)
    {
        var response = await Platform.Marketer.PostAsJsonAsync("/api/admin/sales", SaleBody(id, stock, admitPerSecond));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        _sale = id;
    }

    private object SaleBody(string id, int stock, int admitPerSecond) => new
    {
        id,
        name = $"Sale {id}",
        startsAt = _clock.GetUtcNow().AddMinutes(-1),
        endsAt = _clock.GetUtcNow().AddHours(1),
        regions = new[] { "BR" },
        holdMinutes = 10,
        items = new[] { new { sku = "SNEAKER-1", stock, perCustomerLimit = 2, salePrices = new Dictionary<string, decimal> { ["BR"] = 99.90m } } },
        waitingRoom = new { admitPerSecond },
    };

    /// <summary>A one-unit order of the test's sale (the one created last, unless named), with a ticket when given.</summary>
    private Task<HttpResponseMessage> Order(HttpClient shopper, string key, string? ticket = null, string? saleId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { saleId = saleId ?? _sale, sku = "SNEAKER-1", quantity = 1, region = "BR" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        if (ticket is not null)
        {
            request.Headers.Add(WaitingRoomTickets.Header, ticket);
        }
        return shopper.SendAsync(request);
    }

    private static string Ticket(JsonElement place) => place.GetProperty("ticket").GetString()!;

    /// <summary>The ticket with one character of its signed part changed.</summary>
    private static string Tampered(string ticket)
    {
        var chars = ticket.ToCharArray();
        var i = ticket.IndexOf('.') - 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private async Task<int> HeldAsync(string saleId) =>
        (await Platform.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sales/{saleId}/stats")).GetProperty("items")[0].GetProperty("held").GetInt32();
}
