using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>The machine's Chromium for page tests (never a downloaded browser), and where their screenshots go.</summary>
public static class Browsers
{
    public static readonly string Screenshots =
        Environment.GetEnvironmentVariable("FLASHSALE_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Directory.CreateDirectory(Screenshots);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FLASHSALE_CHROMIUM") ?? "/usr/lib/chromium/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page in a browser set to <paramref name="locale"/>; with a token, the shopper is signed in from the start.</summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, string locale, string? token = null, string? email = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        if (token is not null)
        {
            // What the storefront keeps after a sign-in by code (the sign-in itself is BrowserTests' subject).
            await context.AddInitScriptAsync($"localStorage.setItem('flashsale.token', '{token}'); localStorage.setItem('flashsale.email', '{email}');");
        }
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Picks the shopper's region and waits until that region's sales are drawn, so the test then works on the
    /// cards the shopper sees (not those of the first region, about to be replaced).
    /// </summary>
    public static async Task ChooseRegionAsync(IPage page, string region)
    {
        await page.SelectOptionAsync("#region", region);
        await Assertions.Expect(page.Locator($"#sales[data-region='{region}']:not([aria-busy])")).ToBeAttachedAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    /// <summary>Runs axe-core on the page as it is; fails on any violation of impact serious or critical, listing each with its elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"axe on {what}:{Environment.NewLine}" + string.Join(Environment.NewLine, blocking.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} ({v.HelpUrl}){Environment.NewLine}" +
            string.Join(Environment.NewLine, v.Nodes.Select(n => $"    {n.Target} {n.Html}{Environment.NewLine}      {string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")))));
    }
}
