using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// The pages for people who use a keyboard or a screen reader: axe finds nothing serious or critical on the storefront
/// (the sale list, a hold, a refusal) or the console (signed in, a sale on the board); countdowns and stock numbers stay
/// out of live regions; buy -> hold -> pay works from the keyboard alone, with focus moved to the hold.
/// </summary>
public sealed class AccessibilityTests(WorldShop shop) : IClassFixture<WorldShop>
{
    [Fact]
    public async Task The_storefront_has_no_serious_axe_violations_with_the_sales_a_hold_and_a_refusal()
    {
        var english = Catalogue.Load("en");
        var token = await Shoppers.TokenAsync(shop.Platform, "axe@example.com");
        var page = await Browsers.NewPageAsync(shop.Browser, "en-US", token, "axe@example.com");
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, "BR");
        var buy = page.Locator($"[data-sku='{WorldShop.Sku}'] [data-role=buy]");
        await Assertions.Expect(buy).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("[data-role=quote]")).Not.ToBeEmptyAsync();
        await Browsers.AssertNoSeriousViolationsAsync(page, "the sale list");

        await buy.ClickAsync();
        await Assertions.Expect(page.Locator("#hold-title")).ToBeFocusedAsync();
        await Browsers.AssertNoSeriousViolationsAsync(page, "the storefront with a hold");

        await buy.ClickAsync();
        await Assertions.Expect(page.Locator("[data-role=message]")).ToHaveTextAsync(english.Text("problem.limit-exceeded"));
        await Browsers.AssertNoSeriousViolationsAsync(page, "the storefront with a refusal");
        await Browsers.ScreenshotAsync(page, "accessibility-storefront-refusal");
    }

    [Fact]
    public async Task Only_one_polite_region_speaks_and_it_never_holds_a_countdown_or_a_stock_number()
    {
        var english = Catalogue.Load("en");
        var page = await Browsers.NewPageAsync(shop.Browser, "en-US");
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Assertions.Expect(page.Locator("[data-role=countdown]")).Not.ToBeEmptyAsync();

        var live = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('[aria-live], [role=status], [role=alert], [role=log], [role=timer], [role=marquee]')].map(n => n.id)");
        Assert.Equal(["announce"], live);
        Assert.Equal("polite", await page.Locator("#announce").GetAttributeAsync("aria-live"));
        Assert.Empty(await page.Locator("#announce [data-role=countdown], #announce [data-role=stock], #announce .countdown").AllAsync());

        // A refusal is announced there: not signed in, the buy button says so.
        await page.Locator($"[data-sku='{WorldShop.Sku}'] [data-role=buy]").ClickAsync();
        await Assertions.Expect(page.Locator("#announce")).ToHaveTextAsync(english.Text("problem.unauthorized"));
    }

    [Fact]
    public async Task The_moment_an_item_sells_out_is_announced_once_while_its_stock_number_changes_quietly()
    {
        var english = Catalogue.Load("en");
        (await shop.Platform.Marketer.PutAsJsonAsync("/api/admin/products/LAMP-1", new
        {
            name = "Desk lamp", description = "The last one", category = "home", listPrices = new Dictionary<string, decimal> { ["ES"] = 49.99m },
        })).EnsureSuccessStatusCode();
        (await shop.Platform.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "last-lamp", name = "Last lamp", startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddHours(1),
            regions = new[] { "ES" }, items = new[] { new { sku = "LAMP-1", stock = 1, perCustomerLimit = 1, salePrices = new Dictionary<string, decimal> { ["ES"] = 29.99m } } },
        })).EnsureSuccessStatusCode();
        var page = await Browsers.NewPageAsync(shop.Browser, "en-US");
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, "ES");
        var card = page.Locator("[data-sku='LAMP-1']");
        await Assertions.Expect(card.Locator("[data-role=stock]")).ToHaveTextAsync(english.Text("item.stockLeft", ("available", "1"), ("stock", "1")));
        await Assertions.Expect(page.Locator("#announce")).ToBeEmptyAsync();

        using var other = await Shoppers.SignInAsync(shop.Platform, "quick@example.com");
        Assert.Equal(HttpStatusCode.Created, (await Shoppers.OrderAsync(other, "lamp", new { saleId = "last-lamp", sku = "LAMP-1", quantity = 1, region = "ES" })).StatusCode);

        await Assertions.Expect(card.Locator("[data-role=stock]")).ToHaveTextAsync(english.Text("status.soldOut"));
        await Assertions.Expect(page.Locator("#announce")).ToHaveTextAsync(english.Text("item.soldOut", ("name", "Desk lamp")));
    }

    [Fact]
    public async Task Buy_hold_and_pay_work_from_the_keyboard_with_focus_on_the_hold_and_each_step_announced()
    {
        var english = Catalogue.Load("en");
        var token = await Shoppers.TokenAsync(shop.Platform, "keys@example.com");
        var page = await Browsers.NewPageAsync(shop.Browser, "en-US", token, "keys@example.com");
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, "US");
        var card = page.Locator($"[data-sku='{WorldShop.Sku}']");
        await Assertions.Expect(card.Locator("[data-role=buy]")).ToBeEnabledAsync();

        // Tab from the promo code field reaches the buy button, whose description names the product.
        await card.GetByLabel(english.Text("item.promoCodeFor", ("name", "Laptop 14"))).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(card.Locator("[data-role=buy]")).ToBeFocusedAsync();
        await Assertions.Expect(card.Locator("[data-role=buy]")).ToHaveAccessibleDescriptionAsync("Laptop 14");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#hold-title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#announce")).ToContainTextAsync(english.Text("hold.title", ("quantity", "1"), ("name", "Laptop 14")));
        await page.Keyboard.PressAsync("Tab");
        var pay = page.Locator("#hold").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay") });
        await Assertions.Expect(pay).ToBeFocusedAsync();
        await Browsers.ScreenshotAsync(page, "accessibility-keyboard-hold");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#hold-title")).ToHaveTextAsync(english.Text("paid.title"));
        await Assertions.Expect(page.Locator("#hold-title")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#announce")).ToContainTextAsync(english.Text("paid.title"));
    }

    [Fact]
    public async Task The_console_has_no_serious_axe_violations_signed_in_with_a_sale_on_the_board()
    {
        var page = await Browsers.NewPageAsync(shop.Browser, "en-US");
        await page.GotoAsync(new Uri(shop.Platform.Http.BaseAddress!, "/admin").ToString());
        await Browsers.AssertNoSeriousViolationsAsync(page, "the console before the key");
        await page.FillAsync("#key", Platform.MarketerKey);
        await page.ClickAsync("#key-form button");
        await page.GetByRole(AriaRole.Link, new() { Name = WorldShop.SaleName }).ClickAsync();
        await Assertions.Expect(page.Locator($"#board tr[data-sku='{WorldShop.Sku}']")).ToBeVisibleAsync();

        await Browsers.AssertNoSeriousViolationsAsync(page, "the console with a sale on the board");
        await Browsers.ScreenshotAsync(page, "accessibility-console-board");
    }
}
