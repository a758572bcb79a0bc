namespace FlashSale.Client.Mail;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpTls
{
    /// <summary>Plain connection upgraded with STARTTLS, required (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>No TLS: only for a relay on the same machine or a test server.</summary>
    None,
}
