using System.Security.Cryptography;

namespace FlashSale.Promos;

/// <summary>What a promo code looks like, and how batch codes are made (random or from a batch's secret seed, never derivable from each other).</summary>
public static class PromoValidation
{
    public const int MaxBatch = 100_000;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static bool IsValidCode(string code) =>
        code.Length is >= 3 and <= 40 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>A single-use code of a batch: the prefix, then 10 random characters (50 bits) from an alphabet without look-alikes.</summary>
    public static string RandomCode(string prefix) =>
        $"{prefix}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 10))}";

    /// <summary>
    /// Code <paramref name="index"/> of a batch drawn from <paramref name="seed"/> (32 random bytes, hex), the
    /// <paramref name="attempt"/>-th try when earlier ones were taken: 10 characters (50 bits) of an HMAC, so the same
    /// seed makes the same codes and without the seed no code can be told from another.
    /// </summary>
    public static string BatchCode(string prefix, string seed, int index, int attempt)
    {
        var mac = HMACSHA256.HashData(Convert.FromHexString(seed), System.Text.Encoding.UTF8.GetBytes($"{index}/{attempt}"));
        // 32 letters divide 256 evenly: each byte gives one unbiased character.
        return $"{prefix}-{new string([.. mac.Take(10).Select(b => Alphabet[b % Alphabet.Length])])}";
    }
}
