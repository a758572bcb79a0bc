using System.Security.Cryptography;

namespace FlashSale.Client.Auth;

/// <summary>A generated secret kept in the data folder, so it survives restarts (tokens stay valid, the key stays known).</summary>
internal static class SecretFile
{
    /// <returns>The secret, and whether it was generated just now.</returns>
    public static (string Secret, bool Generated) ReadOrCreate(string dataDirectory, string fileName, int bytes)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, fileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return (existing, false);
        }
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return (secret, true);
    }
}
