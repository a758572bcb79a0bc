namespace FlashSale.Client.Features.Waiting;

/// <summary>
/// The answer to an order that must wait its turn (202): the shopper's place (1 = next), the wait expected, when to
/// send the same order again (seconds) and the ticket to send with it (header <c>Queue-Ticket</c>).
/// </summary>
public sealed record WaitingView(long Position, int EstimatedWaitSeconds, int RetryAfter, string Ticket, DateTimeOffset AdmitAt);
