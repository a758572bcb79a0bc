using System.Text.Json;
using FlashSale.Tests.Marketplace;
using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// The marketplace in the machine's Chromium: delivery promise and Local badge on the cards, local-first order, the
/// free-shipping nudge, the order timeline in "my orders", a dispute, a review, and the console's side of them.
/// </summary>
public sealed class MarketplaceBrowserTests : PageTest
{
    [Fact]
    public async Task A_shopper_sees_where_items_ship_from_follows_an_order_to_the_door_disputes_another_and_reviews()
    {
        await TestShop.AddRegionsAsync(Site.Marketer);
        await MarketplaceShop.CreateSaleAsync(Site, "world");
        var token = await Shoppers.TokenAsync(Site, "ana@example.com");
        using var api = Shoppers.WithToken(Site, token);
        var delivered = await MarketplaceShop.PaidOrderAsync(api, "world", "LOCAL-1");
        var disputed = await MarketplaceShop.PaidOrderAsync(api, "world", "IMPORT-1");

        // The shopper, signed in, in Brazil: the imported item comes first as the sale lists it, until "Local first".
        var ana = await NewPage();
        await ana.AddInitScriptAsync($"localStorage.setItem('flashsale.token', {JsonSerializer.Serialize(token)}); localStorage.setItem('flashsale.email', 'ana@example.com'); localStorage.setItem('flashsale.region', 'BR');");
        await ana.GotoAsync(Site.Http.BaseAddress!.ToString());
        var local = ana.Locator("[data-sku='LOCAL-1']");
        var imported = ana.Locator("[data-sku='IMPORT-1']");
        await Assertions.Expect(local.Locator("[data-role=delivery]")).ToContainTextAsync("Ships from Brazil · arrives");
        await Assertions.Expect(imported.Locator("[data-role=delivery]")).ToContainTextAsync("Ships from China · arrives");
        await Assertions.Expect(local.Locator("[data-role=local]")).ToHaveTextAsync("Local");
        await Assertions.Expect(imported.Locator("[data-role=local]")).ToHaveCountAsync(0);
        // 80.00 of a 199.00 threshold: 119.00 to go.
        await Assertions.Expect(local.Locator("[data-role=free-shipping]")).ToContainTextAsync("119.00 for free shipping");
        await Assertions.Expect(ana.Locator("#sales .card").First).ToHaveAttributeAsync("data-sku", "IMPORT-1");
        await ana.CheckAsync("#local-first");
        await Assertions.Expect(ana.Locator("#sales .card").First).ToHaveAttributeAsync("data-sku", "LOCAL-1");
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "marketplace-cards.png"), FullPage = true });

        // The marketer ships and delivers the local order in the console.
        var marketer = await NewPage();
        await marketer.GotoAsync(new Uri(Site.Http.BaseAddress!, "/admin").ToString());
        await marketer.FillAsync("#key", Platform.MarketerKey);
        await marketer.ClickAsync("#key-form button");
        var orders = marketer.Locator("#market-orders");
        await orders.Locator("[name=orderId]").FillAsync(delivered);
        await orders.Locator("[name=tracking]").FillAsync("LB123456789BR");
        await orders.Locator("[data-role=ship]").ClickAsync();
        await Assertions.Expect(orders.Locator("[data-role=stage]")).ToHaveTextAsync("shipped");
        await orders.Locator("[data-role=deliver]").ClickAsync();
        await Assertions.Expect(orders.Locator("[data-role=stage]")).ToHaveTextAsync("delivered");

        // ... and gives Brazil 20 days of buyer protection and a 3-8 day promise from abroad, keeping the rest of the region.
        var settings = marketer.Locator("#market-delivery");
        await settings.Locator("[name=region]").FillAsync("BR");
        await settings.Locator("[name=crossMin]").FillAsync("3");
        await settings.Locator("[name=crossMax]").FillAsync("8");
        await settings.Locator("[name=protectionDays]").FillAsync("20");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save region" }).ClickAsync();
        await Assertions.Expect(settings).ToContainTextAsync("Region BR saved.");
        var brazil = (await Site.Http.GetFromJsonAsync<JsonElement>("/api/regions")).EnumerateArray().Single(r => r.GetProperty("code").GetString() == "BR");
        Assert.Equal((20, "[3,8]", "[2,5]", 19.90m), (brazil.GetProperty("protectionDays").GetInt32(), brazil.GetProperty("deliveryDays").GetProperty("crossBorder").GetRawText(),
            brazil.GetProperty("deliveryDays").GetProperty("domestic").GetRawText(), brazil.GetProperty("shippingFee").GetDecimal()));

        // "My orders": the timeline of the delivered order, a review of it, a dispute on the other.
        await ana.ClickAsync("#show-orders");
        var done = ana.Locator($".journey[data-order='{delivered}']");
        await Assertions.Expect(done.Locator("[data-role=stage]")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(done.Locator("[data-role=timeline] li")).ToHaveCountAsync(4);
        await Assertions.Expect(done.Locator("[data-role=timeline] li[data-kind=shipped]")).ToContainTextAsync("LB123456789BR");
        await done.Locator("[name=rating]").SelectOptionAsync("4");
        await done.Locator("[name=text]").FillAsync("Arrived in two days.");
        await done.Locator("[data-role=review-form] button").ClickAsync();
        await Assertions.Expect(ana.Locator($".journey[data-order='{delivered}']")).ToContainTextAsync("Thank you for your review.");
        var open = ana.Locator($".journey[data-order='{disputed}']");
        await open.Locator("[name=reason]").SelectOptionAsync("not-as-described");
        await open.Locator("[name=message]").FillAsync("Wrong colour.");
        await open.Locator("[data-role=dispute-form] button").ClickAsync();
        await Assertions.Expect(ana.Locator($".journey[data-order='{disputed}'] [data-role=dispute]")).ToContainTextAsync("open");
        await ana.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "marketplace-orders.png"), FullPage = true });

        // The console lists the dispute and refunds it; the card shows the review's rating.
        await marketer.Locator("#marketplace").GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        var row = marketer.Locator($"#market-disputes tr[data-order='{disputed}']");
        await Assertions.Expect(row).ToContainTextAsync("Wrong colour.");
        await row.Locator("[aria-label='Resolution reason']").FillAsync("Sorry about that");
        await row.Locator("[data-role=refund]").ClickAsync();
        await Assertions.Expect(marketer.Locator($"#market-disputes tr[data-order='{disputed}']")).ToContainTextAsync("refunded");
        await marketer.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "marketplace-console.png"), FullPage = true });
        await Eventually.TrueAsync(async () =>
        {
            await ana.ReloadAsync();
            var rating = ana.Locator("[data-sku='LOCAL-1'] [data-role=rating]");
            await rating.WaitForAsync();
            return (await rating.TextContentAsync())?.Contains("★ 4.0 (1)") == true;
        }, "the card shows the new rating");
    }
}
