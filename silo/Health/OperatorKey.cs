using System.Security.Cryptography;
using System.Text;
using FlashSale.Silo.Settings;
using Microsoft.AspNetCore.Http;

namespace FlashSale.Silo.Health;

/// <summary>
/// What opens a silo host's <c>/metrics</c> and health details: the marketer key (<c>FlashSale:Auth:MarketerKey</c>)
/// sent as <c>X-Api-Key</c>. A silo without a key configured keeps them closed.
/// </summary>
public sealed class OperatorKey
{
    public const string Setting = "FlashSale:Auth:MarketerKey";
    public const string Header = "X-Api-Key";
    private readonly byte[]? _key;

    private OperatorKey(string? key) => _key = key is null ? null : Encoding.UTF8.GetBytes(key);

    public static OperatorKey From(IConfiguration configuration) => new(SecretSetting.Read(configuration, Setting));

    public bool Opens(HttpContext context) =>
        _key is not null && context.Request.Headers[Header].ToString() is { Length: > 0 } sent
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), _key);
}
