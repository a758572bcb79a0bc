using MimeKit;

namespace FlashSale.Client.Mail;

/// <summary>
/// With no SMTP server: each message becomes an <c>.eml</c> file in the outbox folder (any mail program opens it), so a
/// person running the platform on their own machine can read the codes it sends.
/// </summary>
public sealed class OutboxMail(MailSettings settings, TimeProvider clock) : IShopperMail
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Outbox);
        var to = message.To.Mailboxes.FirstOrDefault()?.Address ?? "unknown";
        var safe = new string([.. to.Select(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_')]);
        var file = Path.Combine(settings.Outbox, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{safe}-{message.MessageId}.eml");
        await message.WriteToAsync(file, cancellationToken);
        return file;
    }
}
