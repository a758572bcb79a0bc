using MimeKit;

namespace FlashSale.Client.Mail;

/// <summary>Delivers a message to a shopper: by SMTP, or into the outbox folder when no server is set.</summary>
public interface IShopperMail
{
    /// <summary>Delivers <paramref name="message"/>; where it went, for the log (a file, or the server).</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
