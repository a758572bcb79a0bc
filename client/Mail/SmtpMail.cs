using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FlashSale.Client.Mail;

/// <summary>Mail through the deployment's SMTP server (MailKit), one connection per message.</summary>
public sealed class SmtpMail(MailSettings settings) : IShopperMail
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var smtp = new SmtpClient { Timeout = 15_000 };
        var options = settings.Tls switch
        {
            SmtpTls.Implicit => SecureSocketOptions.SslOnConnect,
            SmtpTls.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await smtp.ConnectAsync(settings.Host!, settings.Port, options, cancellationToken);
        if (settings.User is not null)
        {
            await smtp.AuthenticateAsync(settings.User, settings.Password!, cancellationToken);
        }
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
        return $"smtp://{settings.Host}:{settings.Port}";
    }
}
