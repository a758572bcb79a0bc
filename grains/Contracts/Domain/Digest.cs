using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace FlashSale.Domain;

/// <summary>SHA-256 of text as UTF-8, without the byte arrays the convenience overloads make (every hold hashes twice).</summary>
public static class Digest
{
    /// <summary>Writes the SHA-256 of <paramref name="text"/> (UTF-8) into <paramref name="hash"/> (32 bytes).</summary>
    public static void Sha256(ReadOnlySpan<char> text, Span<byte> hash)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var bytes = most <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            SHA256.HashData(bytes[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The first <paramref name="characters"/> (even, at most 64) lower-case hex digits of the SHA-256 of <paramref name="text"/>.</summary>
    public static string HexPrefix(ReadOnlySpan<char> text, int characters)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256(text, hash);
        return Convert.ToHexStringLower(hash[..(characters / 2)]);
    }
}
