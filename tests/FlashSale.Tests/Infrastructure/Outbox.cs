using MimeKit;

namespace FlashSale.Tests.Infrastructure;

/// <summary>Reads the mail a platform wrote to its outbox folder, as a person running it would.</summary>
public static class Outbox
{
    /// <summary>The message of a challenge (the file named after it).</summary>
    public static MimeMessage MessageFor(string outbox, string challengeId)
    {
        var file = Assert.Single(Directory.GetFiles(outbox, $"*{challengeId}*.eml"));
        return MimeMessage.Load(file);
    }

    /// <summary>The six digits in the message of a challenge.</summary>
    public static string CodeFor(string outbox, string challengeId)
    {
        var text = MessageFor(outbox, challengeId).TextBody ?? "";
        return System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value is { Length: 6 } code
            ? code
            : throw new InvalidOperationException($"no code in the message: {text}");
    }
}
