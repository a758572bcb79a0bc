using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// The storefront in the shopper's language: chosen from the browser's, its words from that language's catalogue,
/// money grouped and punctuated as the language writes it, refusals in the language too; and switchable by the picker.
/// </summary>
public sealed class LanguageTests(WorldShop shop) : IClassFixture<WorldShop>
{
    /// <summary>
    /// A catalogue, a browser set to a country's variant of it, the region such a shopper buys in, and the sale price's
    /// digits as that language groups and punctuates them (Hindi in lakhs: 1,23,456.50).
    /// </summary>
    public static TheoryData<string, string, string, string> Languages => new()
    {
        { "en", "en-US", "US", "1,299.99" },
        { "pt-BR", "pt-BR", "BR", "4.599,90" },
        { "ru", "ru-RU", "RU", "123 456,50" },
        { "hi", "hi-IN", "IN", "1,23,456.50" },
        { "es", "es-ES", "ES", "12.999,99" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_shopper_whose_browser_speaks_the_language_sees_the_shop_and_its_refusals_in_it(string language, string locale, string region, string digits)
    {
        var words = Catalogue.Load(language);
        var email = $"{language.ToLowerInvariant()}@example.com";
        var token = await shop.ShopperAtTheLimitAsync(email, region);
        var page = await Browsers.NewPageAsync(shop.Browser, locale, token, email);
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, region);
        var card = page.Locator($"[data-sku='{WorldShop.Sku}']");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(card.Locator("[data-role=buy]")).ToHaveTextAsync(words.Text("item.buy"));
        await Assertions.Expect(page.Locator("[data-role=sale-status]")).ToHaveTextAsync(words.Text("status.live"));
        await Assertions.Expect(page.Locator("#signin button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#show-orders")).ToHaveTextAsync(words.Text("signin.myOrders"));
        // The price as Intl writes it in the shopper's language and the sale's currency, computed here apart from the page.
        var price = await page.EvaluateAsync<string>("([locale, currency, amount]) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount)",
            new object[] { locale, WorldShop.Currencies[region], WorldShop.SalePrices[region] });
        await Assertions.Expect(card.Locator(".price")).ToHaveTextAsync(price);
        Assert.Contains(digits, (await card.Locator(".price").TextContentAsync())!.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        var available = (await shop.Platform.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/sales/{WorldShop.SaleId}?region={region}"))
            .GetProperty("items")[0].GetProperty("available").GetInt32();
        await Assertions.Expect(card.Locator("[data-role=stock]")).ToHaveTextAsync(
            words.Text("item.stockLeft", ("available", available.ToString(CultureInfo.InvariantCulture)), ("stock", "100")));

        // One more laptop is over this shopper's limit: the refusal is in the language, on the card and in the live region.
        await card.Locator("[data-role=buy]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-role=message]")).ToHaveTextAsync(words.Text("problem.limit-exceeded"));
        await Assertions.Expect(page.Locator("#announce")).ToHaveTextAsync(words.Text("problem.limit-exceeded"));
        await Browsers.AssertNoSeriousViolationsAsync(page, $"the storefront in {language}");
        await Browsers.ScreenshotAsync(page, $"language-{language}");
    }

    [Fact]
    public async Task A_text_a_catalogue_lacks_is_said_in_english_and_a_refusal_it_does_not_know_in_the_apis_words()
    {
        var english = Catalogue.Load("en");
        var portuguese = Catalogue.Load("pt-BR");
        var token = await Shoppers.TokenAsync(shop.Platform, "fallback@example.com");
        var page = await Browsers.NewPageAsync(shop.Browser, "pt-BR", token, "fallback@example.com");
        // A Portuguese catalogue without the buy button's text, and an API that answers with a problem type no catalogue knows.
        var partial = portuguese.Messages.Where(m => m.Key != "item.buy").ToDictionary();
        await page.RouteAsync("**/i18n/pt-BR.json", route => route.FulfillAsync(new() { ContentType = "application/json", Body = System.Text.Json.JsonSerializer.Serialize(partial) }));
        await page.RouteAsync("**/api/orders", route => route.FulfillAsync(new()
        {
            Status = 409, ContentType = "application/problem+json",
            Body = """{"type":"/problems/something-new","title":"Something new.","status":409,"detail":"A refusal from a newer platform."}""",
        }));
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, "BR");
        var card = page.Locator($"[data-sku='{WorldShop.Sku}']");

        await Assertions.Expect(card.Locator("[data-role=buy]")).ToHaveTextAsync(english.Text("item.buy"));
        await Assertions.Expect(page.Locator("#show-orders")).ToHaveTextAsync(portuguese.Text("signin.myOrders"));
        await card.Locator("[data-role=buy]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-role=message]")).ToHaveTextAsync("A refusal from a newer platform.");
    }

    [Fact]
    public async Task Switching_the_language_with_the_picker_changes_the_page_and_is_remembered()
    {
        var english = Catalogue.Load("en");
        var russian = Catalogue.Load("ru");
        var token = await Shoppers.TokenAsync(shop.Platform, "picker@example.com");
        var page = await Browsers.NewPageAsync(shop.Browser, "en-US", token, "picker@example.com");
        await page.GotoAsync(shop.Platform.Http.BaseAddress!.ToString());
        await Browsers.ChooseRegionAsync(page, "RU");
        var buy = page.Locator($"[data-sku='{WorldShop.Sku}'] [data-role=buy]");
        await Assertions.Expect(buy).ToHaveTextAsync(english.Text("item.buy"));
        await buy.ClickAsync();
        await Assertions.Expect(page.Locator("#hold-title")).ToHaveTextAsync(english.Text("hold.title", ("quantity", "1"), ("name", "Laptop 14")));

        await page.GetByLabel(english.Text("header.language")).SelectOptionAsync("ru");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(buy).ToHaveTextAsync(russian.Text("item.buy"));
        await Assertions.Expect(page.Locator("#signout")).ToHaveTextAsync(russian.Text("signin.signOut"));
        // The hold on screen is said again in the new language.
        await Assertions.Expect(page.Locator("#hold-title")).ToHaveTextAsync(russian.Text("hold.title", ("quantity", "1"), ("name", "Laptop 14")));
        await Browsers.ScreenshotAsync(page, "language-picker-ru-hold");
        await Assertions.Expect(page.Locator("[data-role=countdown]")).ToContainTextAsync(russian.Text("sale.endsIn", ("time", "")).Trim());
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(buy).ToHaveTextAsync(russian.Text("item.buy"));
        await Assertions.Expect(page.Locator("#language")).ToHaveValueAsync("ru");
        await Browsers.ScreenshotAsync(page, "language-picker-ru");
    }

}
