using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlashSale.Tests.Sales;

/// <summary>
/// A marketer edits a sale: anything before it starts (stock until a minute before), once started only its name and
/// the per-customer limits; an edit that would break what shoppers were shown is refused naming the field.
/// </summary>
public sealed class SaleEditTests() : PlatformTest
{
    [Fact]
    public async Task An_upcoming_sales_window_stock_limit_and_price_change_and_shoppers_get_the_new_ones()
    {
        await CreateAsync("edit-soon", DateTimeOffset.UtcNow.AddMinutes(30), stock: 10, limit: 1, brl: 99.90m);
        using var shopper = await Shoppers.SignInAsync(Platform, "edit-soon@example.com");
        var early = await Shoppers.OrderAsync(shopper, "early", Line("edit-soon", 1));
        Assert.Equal("/problems/sale-not-live", await TypeOf(early));

        // Moved to start now, 25 units, 3 each, a lower price.
        var edited = await EditAsync("edit-soon", Sale("Edited sale", DateTimeOffset.UtcNow.AddSeconds(-5), stock: 25, limit: 3, brl: 79.90m));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var view = (await edited.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("Edited sale", 25, 3), (view["name"]!.GetValue<string>(), view["items"]![0]!["stock"]!.GetValue<int>(), view["items"]![0]!["perCustomerLimit"]!.GetValue<int>()));

        // The shards follow: the sale is live, three units in one hold, at the new price.
        HttpResponseMessage order = null!;
        await Eventually.TrueAsync(async () =>
        {
            order = await Shoppers.OrderAsync(shopper, $"three-{Guid.NewGuid():N}", Line("edit-soon", 3));
            return order.StatusCode == HttpStatusCode.Created;
        }, () => $"a hold of 3 at the new window and limit: {(int)order.StatusCode} {order.Content.ReadAsStringAsync().Result}", TimeSpan.FromSeconds(5));
        var quote = (await order.Content.ReadFromJsonAsync<JsonObject>())!["quote"]!;
        Assert.Equal(79.90m, quote["unitPrice"]!["amount"]!.GetValue<decimal>());
        var stats = await Marketers.ItemStatsAsync(Platform, "edit-soon");
        Assert.Equal((25, 3, 22), (stats.GetProperty("stock").GetInt32(), stats.GetProperty("held").GetInt32(), stats.GetProperty("available").GetInt32()));
        await Eventually.TrueAsync(async () =>
            (await Platform.Http.GetFromJsonAsync<JsonObject>("/api/sales/edit-soon?region=BR"))!["items"]![0]!["price"]!["amount"]!.GetValue<decimal>() == 79.90m,
            "the storefront shows the new price", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_live_sales_limit_changes_but_its_prices_stock_and_window_are_refused_naming_the_field()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        await CreateAsync("edit-live", start, stock: 10, limit: 1, brl: 99.90m);
        using var shopper = await Shoppers.SignInAsync(Platform, "edit-live@example.com");
        Assert.Equal(HttpStatusCode.Created, (await Shoppers.OrderAsync(shopper, "one", Line("edit-live", 1))).StatusCode);
        Assert.Equal("/problems/limit-exceeded", await TypeOf(await Shoppers.OrderAsync(shopper, "two", Line("edit-live", 1))));

        var refused = new (object Body, string Field)[]
        {
            (Sale("Sale edit-live", start, stock: 10, limit: 1, brl: 49.90m), "items[0].salePrices"),
            (Sale("Sale edit-live", start, stock: 5, limit: 1, brl: 99.90m), "items[0].stock"),
            (Sale("Sale edit-live", start.AddMinutes(5), stock: 10, limit: 1, brl: 99.90m), "startsAt"),
        };
        foreach (var (body, field) in refused)
        {
            var response = await EditAsync("edit-live", body);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("/problems/sale-started", problem["type"]!.GetValue<string>());
            Assert.NotNull(problem["errors"]![field]);
        }
        var unchanged = (await Platform.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/edit-live"))!["items"]![0]!;
        Assert.Equal((99.90m, 10), (unchanged["salePrices"]!["BR"]!.GetValue<decimal>(), unchanged["stock"]!.GetValue<int>()));

        Assert.Equal(HttpStatusCode.OK, (await EditAsync("edit-live", Sale("Sale edit-live", start, stock: 10, limit: 2, brl: 99.90m))).StatusCode);
        HttpResponseMessage second = null!;
        await Eventually.TrueAsync(async () =>
        {
            second = await Shoppers.OrderAsync(shopper, $"two-{Guid.NewGuid():N}", Line("edit-live", 1));
            return second.StatusCode == HttpStatusCode.Created;
        }, () => $"a second unit under the new limit: {(int)second.StatusCode}", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_bad_edit_is_a_400_naming_the_field_and_changes_nothing()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(30);
        await CreateAsync("edit-bad", start, stock: 10, limit: 1, brl: 99.90m);
        var cases = new (object Body, string Field)[]
        {
            (new { name = "x", startsAt = start, endsAt = start.AddMinutes(-1), regions = new[] { "BR" }, items = Items(10, 1, 99.90m) }, "endsAt"),
            (new { id = "other-id", name = "x", startsAt = start, endsAt = start.AddHours(1), regions = new[] { "BR" }, items = Items(10, 1, 99.90m) }, "id"),
            (new { name = "x", startsAt = start, endsAt = start.AddHours(1), regions = new[] { "BR" }, items = Items(10, 1, 99.90m), waitingRoom = new { admitPerSecond = 5 } }, "waitingRoom"),
            (new { name = "x", startsAt = start, endsAt = start.AddHours(1), regions = new[] { "BR" }, items = new[] { new { sku = "NO-SUCH", stock = 1, perCustomerLimit = 1, salePrices = new Dictionary<string, decimal> { ["BR"] = 1m } } } }, "items[0].sku"),
            (new { name = "x", startsAt = start, endsAt = start.AddHours(1), regions = new[] { "BR" }, items = Items(0, 1, 99.90m) }, "items[0].stock"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await EditAsync("edit-bad", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await EditAsync("no-such-sale", Sale("x", start, 10, 1, 99.90m))).StatusCode);
        var sale = (await Platform.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/edit-bad"))!;
        Assert.Equal(("Sale edit-bad", 10), (sale["name"]!.GetValue<string>(), sale["items"]![0]!["stock"]!.GetValue<int>()));
    }

    private async Task CreateAsync(string id, DateTimeOffset startsAt, int stock, int limit, decimal brl)
    {
        var body = (JsonObject)JsonSerializer.SerializeToNode(Sale($"Sale {id}", startsAt, stock, limit, brl))!;
        body["id"] = id;
        Assert.Equal(HttpStatusCode.Created, (await Platform.Marketer.PostAsJsonAsync("/api/admin/sales", body)).StatusCode);
    }

    private Task<HttpResponseMessage> EditAsync(string id, object body) => Platform.Marketer.PutAsJsonAsync($"/api/admin/sales/{id}", body);

    private static object Sale(string name, DateTimeOffset startsAt, int stock, int limit, decimal brl) =>
        new { name, startsAt, endsAt = startsAt.AddHours(2), regions = new[] { "BR" }, holdMinutes = 10, items = Items(stock, limit, brl) };

    private static object[] Items(int stock, int limit, decimal brl) =>
        [new { sku = "SNEAKER-1", stock, perCustomerLimit = limit, salePrices = new Dictionary<string, decimal> { ["BR"] = brl } }];

    private static object Line(string saleId, int quantity) => new { saleId, sku = "SNEAKER-1", quantity, region = "BR" };

    private static async Task<string?> TypeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["type"]?.GetValue<string>();
}
