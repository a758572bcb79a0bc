using System.Text.Json;
using FlashSale.Client.Features.Sales;
using FlashSale.Sales;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Tests.Sales;

/// <summary>
/// A marketer's changes to sales over HTTP: each is safe to retry with its Idempotency-Key, reaches every stock shard
/// even when a delivery fails, and stays within bounds (stock, sale window) that keep the shop answering.
/// </summary>
public sealed class SalesAdminTests : PlatformTest
{
    /// <summary>The most units an item can have, restocks included (SaleValidation.MaxStockPerItem).</summary>
    private const int StockCap = 1_000_000;

    private readonly FailingWrites _faults = new();

    protected override void ConfigureServices(IServiceCollection services) => _faults.Install(services);

    [Fact]
    public async Task A_restock_retried_with_its_key_adds_the_units_once()
    {
        await Shoppers.CreateSaleAsync(Platform, "restock-key", stock: 10, limit: 2, "BR");

        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Marketers.PostAsync(Platform, "/api/admin/sales/restock-key/items/SNEAKER-1/restock", new { quantity = 5 }, key: "restock-1")));
        var reused = await Marketers.PostAsync(Platform, "/api/admin/sales/restock-key/items/SNEAKER-1/restock", new { quantity = 6 }, key: "restock-1");
        var unkeyed = new[]
        {
            await Marketers.PostAsync(Platform, "/api/admin/sales/restock-key/items/SNEAKER-1/restock", new { quantity = 1 }),
            await Marketers.PostAsync(Platform, "/api/admin/sales/restock-key/items/SNEAKER-1/restock", new { quantity = 1 }),
        };
        var badKey = await Marketers.PostAsync(Platform, "/api/admin/sales/restock-key/items/SNEAKER-1/restock", new { quantity = 1 }, key: new string('k', 256));
        var item = await Marketers.ItemStatsAsync(Platform, "restock-key");

        Assert.All(retries, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((422, "/problems/idempotency-key-reused"), ((int)reused.StatusCode, await Marketers.ProblemTypeAsync(reused)));
        Assert.All(unkeyed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(await Marketers.NamesFieldAsync(badKey, "Idempotency-Key"), "a key of 256 characters is refused naming the header");
        Assert.Equal(10 + 5 + 1 + 1, item.GetProperty("stock").GetInt32());
        // Available is stock - sold - held (it cannot disagree); the shards must have been given exactly 17 units.
        await Books.AssertStockAccountedForAsync(Platform.Marketer, "restock-key");
    }

    [Fact]
    public async Task A_restock_that_did_not_reach_its_shard_arrives_without_another_call_and_a_retry_adds_nothing()
    {
        await Shoppers.CreateSaleAsync(Platform, "restock-fault", stock: 1, limit: 5, "BR");
        using var shopper = await Shoppers.SignInAsync(Platform, "restock@example.com");
        Assert.Equal(HttpStatusCode.Created, (await Order(shopper, "restock-fault", "first")).StatusCode);
        Assert.Equal("/problems/sold-out", await Marketers.ProblemTypeAsync(await Order(shopper, "restock-fault", "second")));

        _faults.FailNext("stock-shard", "restock-fault/SNEAKER-1/0");
        var restock = await Marketers.PostAsync(Platform, "/api/admin/sales/restock-fault/items/SNEAKER-1/restock", new { quantity = 2 }, key: "more-1");

        // No marketer action: the units reach the shard and a shopper can buy them.
        var attempt = 0;
        await Eventually.TrueAsync(
            async () => (await Order(shopper, "restock-fault", $"retry-{++attempt}")).StatusCode == HttpStatusCode.Created,
            "a shopper can buy a restocked unit");
        var retried = await Marketers.PostAsync(Platform, "/api/admin/sales/restock-fault/items/SNEAKER-1/restock", new { quantity = 2 }, key: "more-1");
        var item = await Marketers.ItemStatsAsync(Platform, "restock-fault");

        Assert.Equal(1, _faults.Failed);
        Assert.Equal(HttpStatusCode.OK, restock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal((3, 2), (item.GetProperty("stock").GetInt32(), item.GetProperty("held").GetInt32()));
        await Books.AssertStockAccountedForAsync(Platform.Marketer, "restock-fault");
        // The third unit is there to buy, and no fourth.
        using var other = await Shoppers.SignInAsync(Platform, "restock-other@example.com");
        Assert.Equal(HttpStatusCode.Created, (await Order(other, "restock-fault", "third")).StatusCode);
        Assert.Equal("/problems/sold-out", await Marketers.ProblemTypeAsync(await Order(other, "restock-fault", "fourth")));
    }

    [Fact]
    public async Task A_pause_that_did_not_reach_a_shard_stops_orders_without_another_call()
    {
        await Shoppers.CreateSaleAsync(Platform, "pause-fault", stock: 30, limit: 30, "BR");
        using var shopper = await Shoppers.SignInAsync(Platform, "pause@example.com");
        Assert.Null(await RefusalAsync(shopper, "pause-fault", "before"));

        _faults.FailNext("stock-shard", "pause-fault/SNEAKER-1/0");
        var pause = await Marketers.PostAsync(Platform, "/api/admin/sales/pause-fault/pause", key: "pause-1");

        var attempt = 0;
        await Eventually.TrueAsync(
            async () => await RefusalAsync(shopper, "pause-fault", $"during-{++attempt}") == "/problems/sale-not-live",
            "shoppers are told the sale is not live");
        Assert.Equal(1, _faults.Failed);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal("paused", (await pause.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    /// <summary>
    /// A pause and an end on an item of eight stock shards, each while one shard fails the write that records it: every
    /// shard learns it without another call, so a shopper on any shard is refused, and after a resume every shard sells.
    /// </summary>
    [Fact]
    public async Task A_pause_and_an_end_reach_every_shard_of_a_multi_shard_item_even_when_one_delivery_fails()
    {
        await Shoppers.CreateSaleAsync(Platform, "multi-pause", stock: 160, limit: 100, "BR");
        Assert.Equal(8, (await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/multi-pause")).GetProperty("items")[0].GetProperty("shards").GetInt32());
        var shoppers = await Task.WhenAll(Enumerable.Range(0, 8).Select(shard => Shoppers.SignInAsync(Platform, EmailOnShard(shard, 8))));
        async Task<bool> AllRefusedAsync(string step) =>
            (await Task.WhenAll(shoppers.Select((shopper, shard) => RefusalAsync(shopper, "multi-pause", $"{step}-{shard}-{Guid.NewGuid():N}"))))
                .All(refusal => refusal == "/problems/sale-not-live");
        Assert.All(await Task.WhenAll(shoppers.Select((shopper, shard) => RefusalAsync(shopper, "multi-pause", $"before-{shard}"))), Assert.Null);

        _faults.FailNext("stock-shard", "multi-pause/SNEAKER-1/5");
        var pause = await Marketers.PostAsync(Platform, "/api/admin/sales/multi-pause/pause", key: "pause-1");
        await Eventually.TrueAsync(() => AllRefusedAsync("paused"), "shoppers on every shard are told the sale is not live");
        var resume = await Marketers.PostAsync(Platform, "/api/admin/sales/multi-pause/resume", key: "resume-1");
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(shoppers.Select((shopper, shard) => RefusalAsync(shopper, "multi-pause", $"resumed-{shard}-{Guid.NewGuid():N}")))).All(r => r is null),
            "shoppers on every shard can buy again");
        _faults.FailNext("stock-shard", "multi-pause/SNEAKER-1/3");
        var end = await Marketers.PostAsync(Platform, "/api/admin/sales/multi-pause/end", key: "end-1");
        await Eventually.TrueAsync(() => AllRefusedAsync("ended"), "shoppers on every shard are told the sale ended");

        Assert.Equal(2, _faults.Failed);
        Assert.All(new[] { pause, resume, end }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("ended", (await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/multi-pause")).GetProperty("status").GetString());
        await Books.AssertStockAccountedForAsync(Platform.Marketer, "multi-pause");
        foreach (var shopper in shoppers)
        {
            shopper.Dispose();
        }
    }

    [Fact]
    public async Task Without_the_setting_a_new_item_is_split_over_a_shard_per_silo_and_at_least_two()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var platform = await FlashSale.Tests.Infrastructure.Platform.StartAsync(store, $"--{ShardSizing.Setting}=");
        await TestShop.AddRegionsAsync(platform.Marketer);
        await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");

        await Shoppers.CreateSaleAsync(platform, "default-shards", stock: 160, limit: 1, "BR");

        // One silo here: two shards (eight before, which made a sold-out shard ask seven siblings).
        Assert.Equal(2, (await platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/default-shards")).GetProperty("items")[0].GetProperty("shards").GetInt32());
        await Books.AssertStockAccountedForAsync(platform.Marketer, "default-shards");
    }

    /// <summary>An email whose shopper is always served by stock shard <paramref name="shard"/> of an item with <paramref name="shards"/> shards.</summary>
    private static string EmailOnShard(int shard, int shards) =>
        Enumerable.Range(0, 1000).Select(i => $"shard-{shard}-{i}@example.com").First(email => SaleRules.ShardFor(SaleRules.CustomerIdFor(email), shards) == shard);

    [Fact]
    public async Task A_late_retry_of_a_pause_does_not_undo_the_resume_that_followed_it()
    {
        await Shoppers.CreateSaleAsync(Platform, "late-retry", stock: 10, limit: 2, "BR");
        using var shopper = await Shoppers.SignInAsync(Platform, "late@example.com");

        var pause = await Marketers.PostAsync(Platform, "/api/admin/sales/late-retry/pause", key: "pause-1");
        var paused = await RefusalAsync(shopper, "late-retry", "while-paused");
        var resume = await Marketers.PostAsync(Platform, "/api/admin/sales/late-retry/resume", key: "resume-1");
        var latePause = await Marketers.PostAsync(Platform, "/api/admin/sales/late-retry/pause", key: "pause-1");
        var reused = await Marketers.PostAsync(Platform, "/api/admin/sales/late-retry/end", key: "pause-1");

        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal("/problems/sale-not-live", paused);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal(HttpStatusCode.OK, latePause.StatusCode);
        Assert.Equal((422, "/problems/idempotency-key-reused"), ((int)reused.StatusCode, await Marketers.ProblemTypeAsync(reused)));
        Assert.Equal("live", (await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales/late-retry")).GetProperty("status").GetString());
        Assert.Null(await RefusalAsync(shopper, "late-retry", "after"));
    }

    [Fact]
    public async Task A_sale_created_twice_with_one_key_is_one_sale()
    {
        object Body(string name) => new
        {
            name,
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            regions = new[] { "BR" },
            items = new[] { new { sku = "SNEAKER-1", stock = 10, perCustomerLimit = 2, salePrices = new { BR = 99.90m } } },
        };
        var body = Body("Launch");

        var first = await Marketers.PostAsync(Platform, "/api/admin/sales", body, key: "launch-1");
        var retry = await Marketers.PostAsync(Platform, "/api/admin/sales", body, key: "launch-1");
        var changed = await Marketers.PostAsync(Platform, "/api/admin/sales", Body("Launch, renamed"), key: "launch-1");
        var other = await Marketers.PostAsync(Platform, "/api/admin/sales", body, key: "launch-2");
        var sales = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(id, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal((422, "/problems/idempotency-key-reused"), ((int)changed.StatusCode, await Marketers.ProblemTypeAsync(changed)));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, sales.GetArrayLength());
    }

    [Fact]
    public async Task Stock_past_the_cap_is_refused_naming_the_field_and_changes_nothing()
    {
        var over = await CreateAsync("cap-over", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), stock: StockCap + 1);
        var near = await CreateAsync("cap-near", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), stock: StockCap - 2);
        var tooMuch = await Marketers.PostAsync(Platform, "/api/admin/sales/cap-near/items/SNEAKER-1/restock", new { quantity = 3 }, key: "over");
        var huge = await Marketers.PostAsync(Platform, "/api/admin/sales/cap-near/items/SNEAKER-1/restock", new { quantity = int.MaxValue });
        var stockAfterRefusals = (await Marketers.ItemStatsAsync(Platform, "cap-near")).GetProperty("stock").GetInt32();
        var upToCap = await Marketers.PostAsync(Platform, "/api/admin/sales/cap-near/items/SNEAKER-1/restock", new { quantity = 2 }, key: "over");

        Assert.True(await Marketers.NamesFieldAsync(over, "items[0].stock"), "an item of more than the cap is refused naming its stock");
        Assert.Equal(HttpStatusCode.Created, near.StatusCode);
        Assert.True(await Marketers.NamesFieldAsync(tooMuch, "quantity"), "a restock past the cap is refused naming the quantity");
        Assert.True(await Marketers.NamesFieldAsync(huge, "quantity"), "an absurd restock is refused naming the quantity");
        Assert.Equal(StockCap - 2, stockAfterRefusals);
        Assert.Equal(HttpStatusCode.OK, upToCap.StatusCode);
        Assert.Equal(StockCap, (await Marketers.ItemStatsAsync(Platform, "cap-near")).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Sale_times_outside_a_sane_window_are_refused_naming_the_field()
    {
        var now = DateTimeOffset.UtcNow;
        var yearOne = await CreateAsync("year-one", DateTimeOffset.MinValue, now.AddHours(1));
        var farAhead = await CreateAsync("far-ahead", now.AddYears(6), now.AddYears(6).AddDays(1));
        var tooLong = await CreateAsync("too-long", now.AddMinutes(-1), now.AddYears(2));
        var longest = await CreateAsync("longest", now.AddMinutes(-1), now.AddDays(360));
        var sales = await Platform.Marketer.GetFromJsonAsync<JsonElement>("/api/admin/sales");

        Assert.True(await Marketers.NamesFieldAsync(yearOne, "startsAt"), "a sale starting in year 1 is refused naming startsAt");
        Assert.True(await Marketers.NamesFieldAsync(farAhead, "startsAt"), "a sale starting 6 years ahead is refused naming startsAt");
        Assert.True(await Marketers.NamesFieldAsync(tooLong, "endsAt"), "a sale of two years is refused naming endsAt");
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(new[] { "longest" }, sales.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_stored_sale_that_started_in_year_one_does_not_break_the_storefront()
    {
        // Stored before sale times were bounded: the shop must still list, show and quote it.
        var grains = Platform.App.Services.GetRequiredService<IGrainFactory>();
        var definition = new SaleDefinition("ancient", "Ancient", DateTimeOffset.MinValue, DateTimeOffset.UtcNow.AddHours(1), ["BR"], 10,
            [new SaleItem("SNEAKER-1", 10, 2, ImmutableDictionary<string, decimal>.Empty.Add("BR", 99.90m), 1)]);
        Assert.Equal(CreateSaleOutcome.Created, await grains.GetGrain<ISaleGrain>("ancient").Create(definition));

        var list = await Platform.Http.GetAsync("/api/sales?region=BR");
        var page = await Platform.Http.GetAsync("/api/sales/ancient?region=BR");
        var quote = await Platform.Http.PostAsJsonAsync("/api/quote", new { saleId = "ancient", sku = "SNEAKER-1", quantity = 1, region = "BR" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal(99.90m, (await quote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitPrice").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_contract_documents_the_marketers_Idempotency_Key_and_its_outcomes()
    {
        var document = await Platform.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        foreach (var path in ChangePaths)
        {
            var post = document.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header"
                    && p.GetProperty("description").GetString()!.Contains("retry", StringComparison.Ordinal));
            Assert.All(new[] { "400", "422", "503" }, status => Assert.True(post.GetProperty("responses").TryGetProperty(status, out _), $"{path} {status}"));
        }
        var promoCreate = document.GetProperty("paths").GetProperty("/api/admin/promo-codes").GetProperty("post");
        Assert.Contains(promoCreate.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(promoCreate.GetProperty("responses").TryGetProperty("503", out _));
    }

    private static readonly string[] ChangePaths =
    [
        "/api/admin/sales", "/api/admin/sales/{id}/pause", "/api/admin/sales/{id}/resume", "/api/admin/sales/{id}/end",
        "/api/admin/sales/{id}/items/{sku}/restock", "/api/admin/promo-codes/batch",
    ];

    private Task<HttpResponseMessage> CreateAsync(string id, DateTimeOffset startsAt, DateTimeOffset endsAt, int stock = 10) =>
        Marketers.PostAsync(Platform, "/api/admin/sales", new
        {
            id,
            name = $"Sale {id}",
            startsAt,
            endsAt,
            regions = new[] { "BR" },
            items = new[] { new { sku = "SNEAKER-1", stock, perCustomerLimit = 2, salePrices = new { BR = 99.90m } } },
        });

    private static Task<HttpResponseMessage> Order(HttpClient shopper, string saleId, string key) =>
        Shoppers.OrderAsync(shopper, key, new { saleId, sku = "SNEAKER-1", quantity = 1, region = "BR" });

    /// <summary>Tries to buy one unit: null when it could (the order is cancelled again at once), else the refusal's problem type.</summary>
    private static async Task<string?> RefusalAsync(HttpClient shopper, string saleId, string key)
    {
        using var placed = await Order(shopper, saleId, key);
        if (placed.StatusCode != HttpStatusCode.Created)
        {
            return await Marketers.ProblemTypeAsync(placed);
        }
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        (await shopper.PostAsync($"/api/orders/{orderId}/cancel", null)).EnsureSuccessStatusCode();
        return null;
    }
}
