using System.Security.Cryptography;
using System.Text;
using FlashSale.Silo.Settings;

namespace FlashSale.Client.Auth;

/// <summary>The key marketers send as <c>X-Api-Key</c>: configured, or generated once and kept in the data folder (standalone).</summary>
public sealed class MarketerKey
{
    public const string Setting = "FlashSale:Auth:MarketerKey";
    private readonly byte[] _key;

    private MarketerKey(string key, string? file, bool generated)
    {
        _key = Encoding.UTF8.GetBytes(key);
        Value = key;
        File = file;
        Generated = generated;
    }

    public string Value { get; }

    /// <summary>The file that keeps a key this platform made itself; null for a configured key.</summary>
    public string? File { get; }

    /// <summary>Made at this start (the first): the only time it is printed.</summary>
    public bool Generated { get; }

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);

    public static MarketerKey Resolve(IConfiguration configuration, FlashSaleSettings settings)
    {
        if (SecretSetting.Read(configuration, Setting) is { } configured)
        {
            return configured.Length >= 16
                ? new MarketerKey(configured, null, false)
                : throw new SettingsException($"{Setting} must be at least 16 characters long.");
        }
        if (settings.Mode != ClusterMode.Standalone)
        {
            throw new SettingsException($"{Setting} is required in cluster mode (env FlashSale__Auth__MarketerKey), so every front end accepts the same key.");
        }
        var (secret, generated) = SecretFile.ReadOrCreate(settings.DataDirectory, "marketer.key", 24);
        return new MarketerKey(secret, Path.Combine(settings.DataDirectory, "marketer.key"), generated);
    }
}
