using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// The pages as people use them, in the machine's Chromium (never a downloaded browser), against the
/// platform on a real port. Screenshots of each page are saved as artifacts (TestResults/screenshots from tests/run.sh).
/// </summary>
public sealed class BrowserTests : PageTest
{
    [Fact]
    public async Task A_marketer_creates_a_sale_a_shopper_buys_with_a_code_another_sees_sold_out_and_the_board_counts_it()
    {
        await TestShop.AddRegionsAsync(Site.Marketer);
        await TestShop.AddProductAsync(Site.Marketer, "SNEAKER-1");
        (await Site.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = "WELCOME10", kind = "percent", percent = 10 })).EnsureSuccessStatusCode();

        // The marketer creates the sale in the console.
        var marketer = await NewPage();
        await marketer.GotoAsync(new Uri(Site.Http.BaseAddress!, "/admin").ToString());
        await marketer.FillAsync("#key", Platform.MarketerKey);
        await marketer.ClickAsync("#key-form button");
        var form = marketer.Locator("#sale-form");
        await form.Locator("[name=id]").FillAsync("last-one");
        await form.Locator("[name=name]").FillAsync("Last one");
        await form.Locator("[name=startsAt]").FillAsync(DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("[name=endsAt]").FillAsync(DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("[name=regions]").FillAsync("BR US");
        var item = form.Locator("#item-rows tbody tr").First;
        await item.Locator("[name=sku]").FillAsync("SNEAKER-1");
        await item.Locator("[name=stock]").FillAsync("1");
        await item.Locator("[name=perCustomerLimit]").FillAsync("1");
        await item.Locator("[name=price-BR]").FillAsync("99.90");
        await item.Locator("[name=price-US]").FillAsync("19.99");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create sale" }).ClickAsync();
        await Assertions.Expect(marketer.GetByRole(AriaRole.Link, new() { Name = "Last one" })).ToBeVisibleAsync();

        // The first shopper: region, price in that currency, a code, hold, pay, confirmation.
        var ana = await NewPage();
        await ana.GotoAsync(Site.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(ana, "US");
        var card = ana.Locator("[data-sku='SNEAKER-1']");
        await Assertions.Expect(card.Locator(".price")).ToContainTextAsync("19.99");
        await Assertions.Expect(card.Locator(".price")).ToContainTextAsync("$");
        // Signing in: the email, then the code the platform wrote to its outbox (no SMTP server in this test).
        await ana.FillAsync("#email", "ana@example.com");
        await ana.ClickAsync("#signin button");
        await Assertions.Expect(ana.Locator("#code-step")).ToBeVisibleAsync();
        await Assertions.Expect(ana.Locator("#outbox-hint")).ToContainTextAsync(Site.Outbox);
        await Assertions.Expect(ana.Locator("#resend")).ToBeDisabledAsync();
        var code = Outbox.LatestCodeTo(Site.Outbox, "ana@example.com");
        await ana.FillAsync("#code", code == "000000" ? "000001" : "000000");
        await ana.ClickAsync("#verify button[type=submit]");
        await Assertions.Expect(ana.Locator("#code-message")).ToContainTextAsync("That is not the code we sent. 4 tries left.");
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-code.png"), FullPage = true });
        await ana.FillAsync("#code", code);
        await ana.ClickAsync("#verify button[type=submit]");
        await Assertions.Expect(ana.Locator("#who")).ToHaveTextAsync("ana@example.com");
        await Assertions.Expect(ana.Locator("#code-step")).ToBeHiddenAsync();
        await Assertions.Expect(ana.Locator("#unverified")).ToBeHiddenAsync();
        await card.GetByPlaceholder("Promo code").FillAsync("welcome10");
        await Assertions.Expect(card.Locator("[data-role=quote]")).ToContainTextAsync("WELCOME10");
        await card.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
        await Assertions.Expect(ana.Locator("#hold")).ToContainTextAsync("Held for you");
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-hold.png"), FullPage = true });
        await ana.Locator("#hold").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Pay") }).ClickAsync();
        await Assertions.Expect(ana.Locator("[data-role=confirmation]")).ToContainTextAsync("paid");
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-confirmation.png"), FullPage = true });

        // The second shopper finds the last unit gone.
        var bob = await NewPage();
        await bob.GotoAsync(Site.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(bob, "BR");
        var bobCard = bob.Locator("[data-sku='SNEAKER-1']");
        await Assertions.Expect(bobCard.Locator("[data-role=stock]")).ToHaveTextAsync("Sold out");
        await Assertions.Expect(bobCard.GetByRole(AriaRole.Button, new() { Name = "Sold out" })).ToBeDisabledAsync();
        await bob.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-sold-out.png"), FullPage = true });

        // On a phone the page fits the screen: nothing to scroll sideways, the sale's card in full width.
        var phone = await (await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "pt-BR", ViewportSize = new ViewportSize { Width = 390, Height = 844 } })).NewPageAsync();
        await phone.GotoAsync(Site.Http.BaseAddress!.ToString());
        // A Brazilian phone shows the shop in Portuguese.
        await Assertions.Expect(phone.Locator("[data-sku='SNEAKER-1'] [data-role=stock]")).ToHaveTextAsync(Catalogue.Load("pt-BR").Text("status.soldOut"));
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the storefront fits a 390 px screen");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-phone.png"), FullPage = true });
        await phone.FillAsync("#email", "bia@example.com");
        await phone.ClickAsync("#signin button");
        await Assertions.Expect(phone.Locator("#code-step")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the code step fits a 390 px screen");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-phone-code.png"), FullPage = true });

        // The marketer's board counts the order.
        await marketer.GetByRole(AriaRole.Link, new() { Name = "Last one" }).ClickAsync();
        var row = marketer.Locator("#board tr[data-sku='SNEAKER-1']");
        await Assertions.Expect(row.Locator("[data-role=sold]")).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("[data-role=available]")).ToHaveTextAsync("0");
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-board.png"), FullPage = true });

        // The Orleans dashboard opens for the marketer whose console holds the key, and for nobody else.
        var dashboard = await marketer.GotoAsync(new Uri(Site.Http.BaseAddress!, "/dashboard/").ToString());
        await marketer.WaitForLoadStateAsync(LoadState.Load);
        var stranger = await (await NewPage()).GotoAsync(new Uri(Site.Http.BaseAddress!, "/dashboard/").ToString());
        Assert.Equal(200, dashboard!.Status);
        Assert.Equal(401, stranger!.Status);
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "orleans-dashboard.png") });
    }

    [Fact]
    public async Task With_open_sign_in_the_storefront_says_plainly_that_sign_in_is_not_verified()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var open = await Platform.StartAsync(store, "--FlashSale:Auth:ShopperSignIn=Open");
        await TestShop.AddRegionsAsync(open.Marketer);
        var page = await NewPage();
        await page.GotoAsync(open.Http.BaseAddress!.ToString());

        await Assertions.Expect(page.Locator("#unverified")).ToContainTextAsync("not verified");
        await Assertions.Expect(page.Locator("#signin button")).ToHaveTextAsync("Sign in");
        await page.FillAsync("#email", "ana@example.com");
        await page.ClickAsync("#signin button");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("ana@example.com");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("(not verified)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-open-sign-in.png"), FullPage = true });
    }

    [Fact]
    public async Task In_a_sale_with_a_waiting_room_a_shopper_sees_their_place_and_wait_then_gets_the_hold()
    {
        await TestShop.AddRegionsAsync(Site.Marketer);
        await TestShop.AddProductAsync(Site.Marketer, "SNEAKER-1");
        (await Site.Marketer.PostAsJsonAsync("/api/admin/sales", new
        {
            id = "queued",
            name = "Queued drop",
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddHours(1),
            regions = new[] { "BR" },
            items = new[] { new { sku = "SNEAKER-1", stock = 50, perCustomerLimit = 1, salePrices = new Dictionary<string, decimal> { ["BR"] = 99.90m } } },
            waitingRoom = new { admitPerSecond = 1 },
        })).EnsureSuccessStatusCode();
        var ana = await NewPage();
        await ana.GotoAsync(Site.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(ana, "BR");
        await SignInWithCodeAsync(ana, "ana@example.com");
        // Others came first, just before her: the room lets a second's worth through and puts the rest in line (signed in
        // beforehand, so their arrivals are a moment apart, not the seconds a sign-in takes).
        var early = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Shoppers.SignInAsync(Site, $"early{i}@example.com")));
        foreach (var shopper in early)
        {
            using var _ = shopper;
            await Shoppers.OrderAsync(shopper, "k", new { saleId = "queued", sku = "SNEAKER-1", quantity = 1, region = "BR" });
        }
        await ana.Locator("[data-sku='SNEAKER-1']").GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();

        var waiting = ana.Locator("[data-role=waiting]");
        await Assertions.Expect(waiting).ToContainTextAsync("You are in line");
        await Assertions.Expect(waiting).ToContainTextAsync("ahead of you");
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-waiting-room.png"), FullPage = true });
        await Assertions.Expect(ana.Locator("#hold")).ToContainTextAsync("Held for you", new() { Timeout = 30_000 });
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-waiting-room-hold.png"), FullPage = true });

        // The marketer sees the room on the sale's board and can change it there.
        var marketer = await NewPage();
        await marketer.GotoAsync(new Uri(Site.Http.BaseAddress!, "/admin").ToString());
        await marketer.FillAsync("#key", Platform.MarketerKey);
        await marketer.ClickAsync("#key-form button");
        await marketer.GetByRole(AriaRole.Link, new() { Name = "Queued drop" }).ClickAsync();
        await Assertions.Expect(marketer.Locator("[data-role=waiting-room]")).ToHaveTextAsync("Waiting room: 1/s");
    }

    [Fact]
    public async Task A_first_start_opens_on_a_demo_store_a_shopper_can_buy_from()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        await using var demo = await Platform.StartAsync(store, "--FlashSale:Demo=true");
        await demo.App.Services.GetRequiredService<FlashSale.Client.Hosting.DemoStore>().Settled;
        var page = await NewPage();
        await page.GotoAsync(demo.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, "DE");

        await Assertions.Expect(page.GetByText("Flash Friday")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Midnight drop")).ToBeVisibleAsync();
        var card = page.Locator("[data-sku='DEMO-HEADPHONES']");
        await Assertions.Expect(card.Locator(".price")).ToContainTextAsync("€");
        await SignInWithCodeAsync(page, "ana@example.com", demo);
        await card.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
        await Assertions.Expect(page.Locator("#hold")).ToContainTextAsync("Held for you");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "storefront-demo-store.png"), FullPage = true });
    }

    /// <summary>Signs in on the storefront with the code the platform wrote to its outbox.</summary>
    private async Task SignInWithCodeAsync(IPage page, string email, Platform? platform = null)
    {
        await page.FillAsync("#email", email);
        await page.ClickAsync("#signin button");
        await Assertions.Expect(page.Locator("#code-step")).ToBeVisibleAsync();
        await page.FillAsync("#code", Outbox.LatestCodeTo((platform ?? Site).Outbox, email));
        await page.ClickAsync("#verify button[type=submit]");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(email);
    }
}
