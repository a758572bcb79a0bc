using FlashSale.Client.Hosting;
using FlashSale.Silo.Settings;

namespace FlashSale.Tests.Hosting;

/// <summary>The marketer key: shown once when the platform makes it, and never one copied from the README.</summary>
public sealed class MarketerKeyTests
{
    [Fact]
    public async Task A_generated_marketer_key_is_printed_at_the_first_start_only()
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        var keyFile = Path.Combine(store.DataDirectory, "marketer.key");

        var first = await StartAndReadOutputAsync(store);
        var key = (await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken)).Trim();
        var second = await StartAndReadOutputAsync(store);

        Assert.Contains(key, first, StringComparison.Ordinal);
        Assert.DoesNotContain(key, second, StringComparison.Ordinal);
        Assert.Contains(keyFile, second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FlashSale:Auth:MarketerKey", "change-me-to-a-long-secret")]
    [InlineData("FlashSale:Auth:SigningKey", "change-me-to-a-secret-of-at-least-32-bytes")]
    [InlineData("FlashSale:Auth:MarketerKey", "CHANGE-ME-please-0123456789")]
    public async Task A_key_copied_from_the_readme_example_stops_start_up_naming_the_setting(string setting, string value)
    {
        await using var store = await Store.CreateAsync(Backend.Sqlite);
        var args = Platform.HostArgs(store).Where(a => !a.StartsWith($"--{setting}=", StringComparison.Ordinal)).Append($"--{setting}={value}").ToArray();

        var error = Assert.Throws<SettingsException>(() => FlashSaleWebApp.Create(args));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts the standalone platform as a process without a configured key, waits until ready, stops it: what it printed.</summary>
    private static async Task<string> StartAndReadOutputAsync(Store store)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        await using var process = PlatformProcess.Start("client",
        [
            .. Platform.HostArgs(store, url.ToString()).Where(a => !a.StartsWith("--FlashSale:Auth:MarketerKey=", StringComparison.Ordinal)),
        ]);
        await process.WaitReadyAsync(url);
        return process.AllOutput;
    }
}
