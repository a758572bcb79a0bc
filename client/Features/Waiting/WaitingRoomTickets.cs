using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlashSale.Client.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSale.Client.Features.Waiting;

/// <summary>
/// A shopper's place in a waiting room, signed by the front ends (a key made from the platform's signing key, so every
/// front end of a cluster reads every ticket): it names the sale, the shopper and the order's Idempotency-Key, so it
/// cannot be forged, handed to another shopper, or spent on a second order (the same key only ever gives one order).
/// </summary>
public sealed class WaitingRoomTickets
{
    public const string Header = "Queue-Ticket";

    private readonly byte[] _key;

    public WaitingRoomTickets(ShopperTokens tokens) =>
        _key = HMACSHA256.HashData(tokens.Key.Key, "flashsale waiting-room tickets"u8);

    public sealed record Ticket(string SaleId, string CustomerId, string KeyHash, long Position, DateTimeOffset AdmitAt);

    public string Issue(Ticket ticket)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', "v1", ticket.SaleId, ticket.CustomerId, ticket.KeyHash,
            ticket.Position.ToString(CultureInfo.InvariantCulture), ticket.AdmitAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>The ticket <paramref name="text"/> carries, or null when it is not one these front ends signed.</summary>
    public Ticket? Read(string text)
    {
        if (text.Length > 1024 || text.Split('.') is not [var payloadText, var macText])
        {
            return null;
        }
        byte[] payload, mac;
        try
        {
            (payload, mac) = (WebEncoders.Base64UrlDecode(payloadText), WebEncoders.Base64UrlDecode(macText));
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), mac))
        {
            return null;
        }
        return Encoding.UTF8.GetString(payload).Split('\n') is ["v1", var sale, var customer, var keyHash, var position, var admitAt]
            && long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var place)
            && long.TryParse(admitAt, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? new Ticket(sale, customer, keyHash, place, DateTimeOffset.FromUnixTimeMilliseconds(at))
            : null;
    }
}
