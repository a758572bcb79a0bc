using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// The marketer console as a marketer uses it, in the machine's Chromium against the platform on a real port: sale
/// items as rows, editing a sale before it starts, promo codes listed, disabled and enabled, the live board's figures.
/// Screenshots go with the storefront's (TestResults/screenshots from tests/run.sh).
/// </summary>
public sealed class ConsoleTests : PageTest
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await TestShop.AddRegionsAsync(Site.Marketer);
        await TestShop.AddProductAsync(Site.Marketer, "SNEAKER-1");
        await TestShop.AddProductAsync(Site.Marketer, "BOOT-2");
    }

    [Fact]
    public async Task A_marketer_creates_a_sale_from_item_rows_edits_it_before_it_starts_and_the_board_shows_the_figures()
    {
        var page = await OpenConsoleAsync();
        var form = page.Locator("#sale-form");
        await form.Locator("[name=id]").FillAsync("rows-sale");
        await form.Locator("[name=name]").FillAsync("Rows sale");
        await form.Locator("[name=startsAt]").FillAsync(Local(DateTime.UtcNow.AddHours(2)));
        await form.Locator("[name=endsAt]").FillAsync(Local(DateTime.UtcNow.AddHours(4)));
        await form.Locator("[name=regions]").FillAsync("BR");
        await FillRowAsync(form, 0, "SNEAKER-1", 10, 1, "99.90");
        // A row added and one taken away: only the rows left are sent.
        await form.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await FillRowAsync(form, 1, "BOOT-2", 5, 1, "49.90");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await FillRowAsync(form, 2, "NOT-WANTED", 1, 1, "1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Remove item 3" }).ClickAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-item-rows.png"), FullPage = true });
        await form.GetByRole(AriaRole.Button, new() { Name = "Create sale" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Rows sale" })).ToBeVisibleAsync();
        var created = (await Site.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/rows-sale"))!;
        Assert.Equal(["SNEAKER-1", "BOOT-2"], created["items"]!.AsArray().Select(i => i!["sku"]!.GetValue<string>()));

        // Edited before it starts: it starts now, 20 sneakers at 79.90, 2 each.
        await page.GetByRole(AriaRole.Link, new() { Name = "Rows sale" }).ClickAsync();
        await page.Locator("[data-role=edit-sale]").ClickAsync();
        await Assertions.Expect(page.Locator("#sale-form-title")).ToHaveTextAsync("Edit sale: Rows sale");
        await form.Locator("[name=startsAt]").FillAsync(Local(DateTime.UtcNow.AddMinutes(-1)));
        var first = form.Locator("#item-rows tbody tr").First;
        await first.Locator("[name=stock]").FillAsync("20");
        await first.Locator("[name=perCustomerLimit]").FillAsync("2");
        await first.Locator("[name=price-BR]").FillAsync("79.90");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-edit-sale.png"), FullPage = true });
        // The edit is answered once it reached every shard, which takes a moment on a busy box; its answer says why if it failed.
        var saved = await page.RunAndWaitForResponseAsync(
            () => form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync(),
            response => response.Request.Method == "PUT" && response.Url.EndsWith("/api/admin/sales/rows-sale", StringComparison.Ordinal),
            new() { Timeout = 30_000 });
        Assert.True(saved.Ok, $"the edit was answered {saved.Status}: {await saved.TextAsync()}");
        await Assertions.Expect(page.Locator("#sale-form-title")).ToHaveTextAsync("New sale");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Saved.");
        await Assertions.Expect(page.Locator("#board h2")).ToContainTextAsync("live");

        // A shopper buys two at the new price and limit; the board counts them, then the payment.
        using var shopper = await Shoppers.SignInAsync(Site, "rows@example.com");
        var hold = await Shoppers.OrderAsync(shopper, "rows-1", new { saleId = "rows-sale", sku = "SNEAKER-1", quantity = 2, region = "BR" });
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
        var order = (await hold.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(79.90m, order["quote"]!["unitPrice"]!["amount"]!.GetValue<decimal>());
        var row = page.Locator("#board tr[data-sku='SNEAKER-1']");
        await Assertions.Expect(row.Locator("[data-role=held]")).ToHaveTextAsync("2");
        await Assertions.Expect(row.Locator("[data-role=available]")).ToHaveTextAsync("18");
        await Assertions.Expect(page.Locator("[data-role=conversion] strong")).ToHaveTextAsync("0 %");
        (await shopper.PostAsJsonAsync($"/api/orders/{order["orderId"]}/pay", new { paymentMethod = "test-card" })).EnsureSuccessStatusCode();
        await Assertions.Expect(row.Locator("[data-role=sold]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-role=paid-total] strong")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-role=conversion] strong")).ToHaveTextAsync("100 %");
        var paidTotal = order["quote"]!["total"]!["amount"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("[data-role=revenue-BR] strong")).ToContainTextAsync(paidTotal);
        // A second hold given back: the board counts the cancellation, and the share of holds paid falls to a half.
        var second = await Shoppers.OrderAsync(await Shoppers.SignInAsync(Site, "rows2@example.com"), "rows-2", new { saleId = "rows-sale", sku = "BOOT-2", quantity = 1, region = "BR" });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>();
        using var other = Shoppers.WithToken(Site, await Shoppers.TokenAsync(Site, "rows2@example.com"));
        (await other.PostAsync($"/api/orders/{secondId}/cancel", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("[data-role=cancelled-total] strong")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-role=conversion] strong")).ToHaveTextAsync("50 %");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-board-figures.png"), FullPage = true });
    }

    [Fact]
    public async Task A_marketer_raises_a_live_sales_limit_from_the_console()
    {
        // Created through the API, to the second: the form shows minutes, and an untouched window is not a change.
        await Shoppers.CreateSaleAsync(Site, "live-limit", stock: 10, limit: 1, "BR");
        var page = await OpenConsoleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sale live-limit" }).ClickAsync();
        await page.Locator("[data-role=edit-sale]").ClickAsync();
        await page.Locator("#item-rows tbody tr").First.Locator("[name=perCustomerLimit]").FillAsync("3");
        await page.Locator("#sale-form").GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Saved.");

        var sale = (await Site.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/sales/live-limit"))!;
        Assert.Equal(("live", 3), (sale["status"]!.GetValue<string>(), sale["items"]![0]!["perCustomerLimit"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_marketer_creates_a_code_with_its_rules_finds_it_disables_it_and_a_shopper_is_refused()
    {
        await Shoppers.CreateSaleAsync(Site, "promo-sale", stock: 10, limit: 2, "BR");
        var page = await OpenConsoleAsync();
        var form = page.Locator("#promo-form");
        await form.Locator("[name=code]").FillAsync("CONSOLE15");
        await form.Locator("[name=percent]").FillAsync("15");
        await form.Locator("[name=endsAt]").FillAsync(Local(DateTime.UtcNow.AddDays(2)));
        await form.Locator("[name=regions]").FillAsync("BR");
        await form.Locator("[name=minSubtotal]").FillAsync("BR=50");
        await form.Locator("[name=saleIds]").FillAsync("promo-sale");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var listed = page.Locator("#promos tr[data-code=CONSOLE15]");
        await Assertions.Expect(listed).ToContainTextAsync("15 % off");
        var code = (await Site.Marketer.GetFromJsonAsync<JsonObject>("/api/admin/promo-codes/CONSOLE15"))!;
        Assert.Equal((50m, "promo-sale", "BR"), (code["minSubtotal"]!["BR"]!.GetValue<decimal>(), code["saleIds"]![0]!.GetValue<string>(), code["regions"]![0]!.GetValue<string>()));
        Assert.NotNull(code["endsAt"]);

        await page.FillAsync("#promo-query", "console");
        await page.ClickAsync("#promo-search button");
        await Assertions.Expect(page.Locator("#promos tbody tr")).ToHaveCountAsync(1);
        await listed.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(listed.Locator("[data-role=status]")).ToHaveTextAsync("disabled");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-promo-codes.png"), FullPage = true });

        using var shopper = await Shoppers.SignInAsync(Site, "refused@example.com");
        var line = new { saleId = "promo-sale", sku = "SNEAKER-1", quantity = 1, region = "BR", promoCode = "CONSOLE15" };
        var refused = await Shoppers.OrderUntilAsync(shopper, "off", line, HttpStatusCode.UnprocessableEntity, "the disabled code is refused");
        Assert.Equal("disabled", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>());

        await listed.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Assertions.Expect(listed.Locator("[data-role=status]")).ToHaveTextAsync("active");
    }

    private async Task<IPage> OpenConsoleAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Site.Http.BaseAddress!, "/admin").ToString());
        await page.FillAsync("#key", Platform.MarketerKey);
        await page.ClickAsync("#key-form button");
        await Assertions.Expect(page.Locator("#item-rows thead")).ToContainTextAsync("Price BR");
        await Assertions.Expect(page.Locator("#promos")).ToContainTextAsync("No codes yet");
        return page;
    }

    private static async Task FillRowAsync(ILocator form, int index, string sku, int stock, int limit, string brl)
    {
        var row = form.Locator("#item-rows tbody tr").Nth(index);
        await row.Locator("[name=sku]").FillAsync(sku);
        await row.Locator("[name=stock]").FillAsync(stock.ToString(CultureInfo.InvariantCulture));
        await row.Locator("[name=perCustomerLimit]").FillAsync(limit.ToString(CultureInfo.InvariantCulture));
        await row.Locator("[name=price-BR]").FillAsync(brl);
    }

    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
