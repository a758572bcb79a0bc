using FlashSale.Silo.Settings;
using MimeKit;

namespace FlashSale.Client.Mail;

/// <summary>
/// Where shoppers' mail goes: an SMTP server (<c>FlashSale:Mail:Smtp:*</c>), or, with no host set, the outbox folder
/// (<c>&lt;DataDirectory&gt;/outbox</c>) where each message is an <c>.eml</c> file.
/// </summary>
public sealed record MailSettings(string? Host, int Port, SmtpTls Tls, string? User, string? Password, MailboxAddress From, string Outbox)
{
    public bool UsesSmtp => Host is not null;

    public static MailSettings Read(IConfiguration configuration, FlashSaleSettings settings)
    {
        const string prefix = "FlashSale:Mail:Smtp:";
        var host = configuration[prefix + "Host"] is { } h && !string.IsNullOrWhiteSpace(h) ? h.Trim() : null;
        var tlsRaw = configuration[prefix + "Tls"];
        var tls = string.IsNullOrWhiteSpace(tlsRaw) ? SmtpTls.StartTls
            : Enum.TryParse<SmtpTls>(tlsRaw, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(tlsRaw, out _) ? parsed
            : throw new SettingsException($"{prefix}Tls must be one of {string.Join(", ", Enum.GetNames<SmtpTls>())}, not '{tlsRaw}'.");
        var port = (int)WholeNumberSetting.Read(configuration, prefix + "Port", tls switch { SmtpTls.Implicit => 465, SmtpTls.None => 25, _ => 587 }, 1,
            "a TCP port (1-65535)", max: 65_535);
        var user = configuration[prefix + "User"] is { Length: > 0 } u ? u : null;
        var password = configuration[prefix + "Password"] is { Length: > 0 } p ? p : null;
        if ((user is null) != (password is null))
        {
            throw new SettingsException($"{prefix}User and {prefix}Password go together: set both or neither.");
        }
        var fromRaw = configuration[prefix + "From"];
        MailboxAddress from;
        if (string.IsNullOrWhiteSpace(fromRaw))
        {
            from = host is null
                ? new MailboxAddress("FlashSale", "no-reply@flashsale.invalid")
                : throw new SettingsException($"{prefix}From is required with an SMTP host: the sender shoppers see, e.g. \"Shop <no-reply@shop.example>\".");
        }
        else
        {
            from = MailboxAddress.TryParse(fromRaw, out var parsedFrom) && parsedFrom is not null
                ? parsedFrom
                : throw new SettingsException($"{prefix}From must be an address like \"Shop <no-reply@shop.example>\", not '{fromRaw}'.");
        }
        return new MailSettings(host, port, tls, user, password, from, Path.Combine(settings.DataDirectory, "outbox"));
    }
}
