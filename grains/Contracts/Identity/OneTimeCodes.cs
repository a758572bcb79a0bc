using System.Security.Cryptography;
using System.Text;

namespace FlashSale.Identity;

/// <summary>The shape and rules of sign-in codes: six random digits, kept only as a keyed hash, valid ten minutes.</summary>
public static class OneTimeCodes
{
    public const int Digits = 6;
    public const int MaxWrongTries = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>A new code: six digits from the system's cryptographic random source.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new challenge id: 128 random bits as 32 lowercase hex digits.</summary>
    public static string NewChallengeId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsChallengeId(string? id) => id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static bool IsCode(string? code) => code is { Length: Digits } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// HMAC-SHA256 of the code bound to its challenge, under a key the storage never sees: a copy of the database
    /// does not give the codes away, although there are only a million of them.
    /// </summary>
    public static string Hash(byte[] key, string challengeId, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{challengeId}:{code}")));

    public static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
