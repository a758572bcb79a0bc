using FlashSale.Silo.Settings;

namespace FlashSale.Client.Settings;

/// <summary>An on/off setting of the web front, checked at start-up (a wrong value names the setting).</summary>
internal static class SwitchSetting
{
    public static bool Read(IConfiguration configuration, string name, bool fallback)
    {
        var raw = configuration[name];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        return bool.TryParse(raw, out var value) ? value : throw new SettingsException($"{name} must be true or false, not '{raw}'.");
    }
}
