using System.Security.Cryptography;
using System.Text;
using FlashSale.Client.Mail;
using FlashSale.Identity;
using FlashSale.Sales;

namespace FlashSale.Client.Auth;

/// <summary>
/// Sign-in by one-time code: asks the email's request counter, opens a challenge with the code's keyed hash, mails the
/// code; later checks a try against the challenge and, when accepted, issues the shopper's token. The code itself is
/// never stored and never crosses to a silo.
/// </summary>
public sealed partial class SignInCodes(
    IGrainFactory grains,
    ShopperTokens tokens,
    SignInSettings settings,
    IShopperMail mail,
    MailSettings mailSettings,
    ILogger<SignInCodes> logger)
{
    /// <summary>A key of its own for code hashes, derived from the signing key every front end shares.</summary>
    private readonly byte[] _hashKey = HMACSHA256.HashData(tokens.Key.Key, Encoding.UTF8.GetBytes("flashsale sign-in codes"));

    public sealed record Asked(string? ChallengeId, DateTimeOffset ExpiresAt, TimeSpan? RetryAfter, bool Undelivered);

    public sealed record Verified(CodeCheck Check, string? CustomerId, string? Token, DateTimeOffset ExpiresAt);

    /// <param name="email">A valid address, trimmed and lowercase.</param>
    public async Task<Asked> AskAsync(string email, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ICodeRequestsGrain>(email).Admit(settings.PerEmail) is { } wait)
        {
            return new Asked(null, default, wait, false);
        }
        var challengeId = OneTimeCodes.NewChallengeId();
        var code = OneTimeCodes.NewCode();
        var expiresAt = await grains.GetGrain<ICodeChallengeGrain>(challengeId).Open(email, OneTimeCodes.Hash(_hashKey, challengeId, code));
        try
        {
            var where = await mail.SendAsync(SignInCodeMail.Compose(mailSettings.From, email, code, challengeId), cancellationToken);
            if (!mailSettings.UsesSmtp)
            {
                // No mail server: the person running the platform reads the code here or in the outbox file.
                LogCodeInOutbox(email, code, where);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUndelivered(e, email);
            return new Asked(null, default, null, true);
        }
        return new Asked(challengeId, expiresAt, null, false);
    }

    public async Task<Verified> VerifyAsync(string challengeId, string code)
    {
        var check = await grains.GetGrain<ICodeChallengeGrain>(challengeId).Try(OneTimeCodes.Hash(_hashKey, challengeId, code));
        if (check.Outcome != CodeCheckOutcome.Accepted)
        {
            return new Verified(check, null, null, default);
        }
        var customerId = SaleRules.CustomerIdFor(check.Email!);
        var (token, expiresAt) = tokens.Issue(customerId, check.Email!);
        return new Verified(check, customerId, token, expiresAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in code for {Email}: {Code} (no SMTP server set: the message is {File})")]
    private partial void LogCodeInOutbox(string email, string code, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sign-in code for {Email} could not be delivered")]
    private partial void LogUndelivered(Exception exception, string email);
}
