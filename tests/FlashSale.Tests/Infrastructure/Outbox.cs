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

    /// <summary>The code in the latest message to <paramref name="email"/> (a shopper reading the mail that just came).</summary>
    public static string LatestCodeTo(string outbox, string email)
    {
        var latest = Directory.GetFiles(outbox, "*.eml").Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(to => to.Address == email)).MaxBy(m => m.Date)
            ?? throw new InvalidOperationException($"no message to {email} in {outbox}");
        return CodeIn(latest);
    }

    /// <summary>The six digits in the message of a challenge.</summary>
    public static string CodeFor(string outbox, string challengeId) => CodeIn(MessageFor(outbox, challengeId));

    private static string CodeIn(MimeMessage message)
    {
        var text = message.TextBody ?? "";
        return System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value is { Length: 6 } code
            ? code
            : throw new InvalidOperationException($"no code in the message: {text}");
    }
}
