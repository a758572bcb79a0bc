using FlashSale.Identity;
using FlashSale.Silo.Settings;

namespace FlashSale.Client.Auth;

/// <summary>
/// Shopper sign-in: the mode, and how often codes may be asked for: per email address (across the cluster, in grain
/// storage) and per client address (per front end).
/// </summary>
public sealed record SignInSettings(ShopperSignIn Mode, CodeRequestLimits PerEmail, int PerAddressPerHour)
{
    public const string ModeSetting = "FlashSale:Auth:ShopperSignIn";

    public static SignInSettings From(IConfiguration configuration)
    {
        var raw = configuration[ModeSetting];
        var mode = string.IsNullOrWhiteSpace(raw) ? ShopperSignIn.Code
            : Enum.TryParse<ShopperSignIn>(raw.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(raw, out _) ? parsed
            : throw new SettingsException($"{ModeSetting} must be Code or Open, not '{raw}'.");
        return new SignInSettings(
            mode,
            new CodeRequestLimits(
                (int)WholeNumberSetting.Read(configuration, "FlashSale:Auth:Code:PerEmailPerHour", 5, 1, "a whole number of codes from 1 to 100", max: 100),
                TimeSpan.FromSeconds(WholeNumberSetting.Read(configuration, "FlashSale:Auth:Code:ResendSeconds", 30, 0, "a whole number of seconds from 0 to 3600", max: 3_600))),
            (int)WholeNumberSetting.Read(configuration, "FlashSale:Auth:Code:PerAddressPerHour", 60, 0, "a whole number of code requests (0 turns it off)"));
    }
}
