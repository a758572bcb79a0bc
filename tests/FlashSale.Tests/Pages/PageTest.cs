using Microsoft.Playwright;

namespace FlashSale.Tests.Pages;

/// <summary>
/// What every page test starts from: a platform on a fresh SQLite store on a real port, and the machine's Chromium
/// (<see cref="Browsers"/>). Screenshots go to <see cref="Browsers.Screenshots"/> (TestResults/screenshots from tests/run.sh).
/// </summary>
public abstract class PageTest : IAsyncLifetime
{
    protected static readonly string Screenshots = Browsers.Screenshots;
    private Store _store = null!;
    private IPlaywright _playwright = null!;

    /// <summary>The platform the pages are served by.</summary>
    protected Platform Site { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        _store = await Store.CreateAsync(Backend.Sqlite);
        Site = await Platform.StartAsync(_store);
        _playwright = await Playwright.CreateAsync();
        Browser = await Browsers.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Site.DisposeAsync();
        await _store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A page in a browser of its own (its own storage), in English at desktop size.</summary>
    protected async Task<IPage> NewPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }
}
