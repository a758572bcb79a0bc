using FlashSale.Domain;

namespace FlashSale.Client.Features.Fulfilment;

/// <summary>One refund of an order, in its currency; <c>restocked</c>: its units went back to the sale.</summary>
public sealed record RefundView(string RefundId, Money Amount, string Reason, DateTimeOffset At, bool Restocked);
