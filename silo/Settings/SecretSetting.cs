namespace FlashSale.Silo.Settings;

/// <summary>A secret from configuration (a key), refused when it is still the README's placeholder.</summary>
public static class SecretSetting
{
    private const string Placeholder = "change-me";

    /// <returns>The configured secret, trimmed; null when none is set.</returns>
    /// <exception cref="SettingsException">The value starts with <c>change-me</c>: an example everyone has read.</exception>
    public static string? Read(IConfiguration configuration, string name)
    {
        var configured = configuration[name]?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }
        return configured.StartsWith(Placeholder, StringComparison.OrdinalIgnoreCase)
            ? throw new SettingsException($"{name} is still the example value '{Placeholder}...': generate a secret, e.g. `openssl rand -hex 32`.")
            : configured;
    }
}
