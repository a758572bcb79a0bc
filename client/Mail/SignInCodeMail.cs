using FlashSale.Identity;
using MimeKit;

namespace FlashSale.Client.Mail;

/// <summary>The message that carries a sign-in code.</summary>
public static class SignInCodeMail
{
    public static MimeMessage Compose(MailboxAddress from, string email, string code, string challengeId)
    {
        var minutes = (int)OneTimeCodes.Lifetime.TotalMinutes;
        var message = new MimeMessage
        {
            Subject = $"{code} is your FlashSale sign-in code",
            // The challenge id names the message (and its outbox file), never the code.
            MessageId = $"{challengeId}@flashsale",
            Body = new TextPart("plain")
            {
                Text = $"""
                    Your sign-in code is {code}

                    Type it where you asked for it. It works once, for {minutes} minutes.
                    If you did not ask for a code, ignore this message: nobody can sign in as you without it.
                    """,
            },
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email));
        return message;
    }
}
