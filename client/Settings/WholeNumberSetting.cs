using FlashSale.Silo.Settings;

namespace FlashSale.Client.Settings;

/// <summary>A whole-number setting of the web front, checked at start-up (a wrong value names the setting).</summary>
internal static class WholeNumberSetting
{
    public static long Read(IConfiguration configuration, string name, long fallback, long min, string meaning, long max = int.MaxValue)
    {
        var raw = configuration[name];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }
        return long.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException($"{name} must be {meaning}, not '{raw}'.");
    }
}
