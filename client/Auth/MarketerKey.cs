using System.Security.Cryptography;
using System.Text;
using FlashSale.Silo.Settings;

namespace FlashSale.Client.Auth;

/// <summary>The key marketers send as <c>X-Api-Key</c>: configured, or generated once and kept in the data folder (standalone).</summary>
public sealed class MarketerKey
{
    public const string Setting = "FlashSale:Auth:MarketerKey";
    private readonly byte[] _key;

    private MarketerKey(string key, string source)
    {
        _key = Encoding.UTF8.GetBytes(key);
        Value = key;
        Source = source;
    }

    public string Value { get; }

    /// <summary>Where the key came from, for the start-up line.</summary>
    public string Source { get; }

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);

    public static MarketerKey Resolve(IConfiguration configuration, FlashSaleSettings settings)
    {
        if (configuration[Setting] is { } configured && !string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().Length >= 16
                ? new MarketerKey(configured.Trim(), "configuration")
                : throw new SettingsException($"{Setting} must be at least 16 characters long.");
        }
        if (settings.Mode != ClusterMode.Standalone)
        {
            throw new SettingsException($"{Setting} is required in cluster mode (env FlashSale__Auth__MarketerKey), so every front end accepts the same key.");
        }
        var (secret, generated) = SecretFile.ReadOrCreate(settings.DataDirectory, "marketer.key", 24);
        var file = Path.Combine(settings.DataDirectory, "marketer.key");
        return new MarketerKey(secret, generated ? $"generated now and stored in {file}" : $"stored in {file}");
    }
}
