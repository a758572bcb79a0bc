using System.Collections.Concurrent;
using System.Diagnostics;
using FlashSale.Orders;
using FlashSale.Pricing;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Waiting;

/// <summary>
/// The door of a sale's waiting room, in front of the stock shards. For a sale with a room it refuses from memory a sale
/// that has not started, sends shoppers straight to the shards when the sale is paused, ended or sold out (every unit
/// sold or held, counting holds that may still expire: they answer at once, and replay an order already placed), lets a
/// ticket through on its turn, and otherwise asks the sale's line (<see cref="IWaitingRoomGrain"/>) for a place:
/// through at once while the line is empty, a signed ticket with a position and a wait when it is not. Sales without
/// a room pass straight through.
/// </summary>
public sealed class WaitingRoomGate(IGrainFactory grains, WaitingRoomTickets tickets, ShopClock clock)
{
    /// <summary>How early a ticket is honoured (front ends' clocks differ a little).</summary>
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(250);

    /// <summary>How long this front end reuses a sale as read (the silo's catalog cache adds its own half second).</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<(string Sale, string Sku), Rejections> _refused = new();

    /// <summary>Sales as last read, for every order's "has it a room?": only sales that exist, so callers cannot grow it.</summary>
    private readonly ConcurrentDictionary<string, (SaleSnapshot Sale, long ReadAt)> _sales = new(StringComparer.Ordinal);

    public abstract record Answer;

    /// <summary>Go on and place the order.</summary>
    public sealed record Through : Answer;

    public sealed record Wait(WaitingView View) : Answer;

    public sealed record Refused(ProblemHttpResult Problem, int? RetryAfter = null) : Answer;

    private static readonly Through Pass = new();

    /// <summary>Refusals this front end gave for an item without asking its shards (added to the sale's statistics).</summary>
    public Rejections RefusedFor(string saleId, string sku) => _refused.GetValueOrDefault((saleId, sku), Rejections.None);

    public async Task<Answer> Enter(string saleId, string sku, string customerId, string idempotencyKey, string? ticketText)
    {
        if (await Sale(saleId) is not { Definition.WaitingRoom: { } room } sale
            || sale.Definition.Item(sku) is null || sale.Counts(sku) is not { } counts)
        {
            return Pass;
        }
        var now = clock.GetUtcNow();
        var status = SaleRules.Status(sale.Definition, sale.Control, now);
        if (status == SaleStatus.Upcoming)
        {
            // Not started: no order of it can exist yet, so no repeat is refused here.
            Count(saleId, sku, Rejections.None with { NotLive = 1 });
            return new Refused(Problems.Refused(OrderRefusals.For(OrderStep.Place, OrderOutcome.NotLive)!));
        }
        if (status is not (SaleStatus.Live or SaleStatus.SoldOut) || counts.Available <= 0)
        {
            // Paused, ended or every unit taken: no place in line, the shards answer at once. They also know the orders
            // already placed, so a shopper repeating one (its answer was lost, perhaps as it took the last unit) gets
            // that order again, never "sold out" (answering from memory here did that).
            return Pass;
        }
        var keyHash = SaleRules.KeyHash(idempotencyKey);
        if (ticketText is { Length: > 0 })
        {
            if (tickets.Read(ticketText) is not { } ticket || ticket.SaleId != saleId || ticket.CustomerId != customerId || ticket.KeyHash != keyHash)
            {
                return new Refused(Problems.Validation(WaitingRoomTickets.Header,
                    "Not a ticket of yours for this order: send the ticket this sale's waiting room gave you, with the same Idempotency-Key, or no ticket to take a place in line."));
            }
            if (now >= ticket.AdmitAt - Early && now <= ticket.AdmitAt + AdmissionLine.Kept)
            {
                return Pass;
            }
            if (now < ticket.AdmitAt)
            {
                return new Wait(View(ticketText, ticket.AdmitAt, room, now));
            }
            // Long past its turn: the shopper takes a new place.
        }
        var admission = await grains.GetGrain<IWaitingRoomGrain>(saleId).Arrive(customerId, room.AdmitPerSecond);
        if (admission.Position == 0)
        {
            var retry = Seconds(admission.AdmitAt - now);
            return new Refused(Problems.Problem(503, "waiting-room-full", "The waiting room is full.",
                $"More shoppers are waiting than the line holds. Try again in {retry} s."), retry);
        }
        if (admission.AdmitAt <= now + Early)
        {
            return Pass;
        }
        var issued = tickets.Issue(new WaitingRoomTickets.Ticket(saleId, customerId, keyHash, admission.Position, admission.AdmitAt));
        return new Wait(View(issued, admission.AdmitAt, room, now));
    }

    private async ValueTask<SaleSnapshot?> Sale(string saleId)
    {
        if (_sales.TryGetValue(saleId, out var known) && Stopwatch.GetElapsedTime(known.ReadAt) < Fresh)
        {
            return known.Sale;
        }
        var sale = await grains.Pricing().GetSale(saleId);
        if (sale is not null)
        {
            _sales[saleId] = (sale, Stopwatch.GetTimestamp());
        }
        return sale;
    }

    private static WaitingView View(string ticket, DateTimeOffset admitAt, WaitingRoom room, DateTimeOffset now)
    {
        var wait = admitAt - now;
        // Shoppers ahead: those whose turns come before this one, at the room's rate.
        var ahead = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds * room.AdmitPerSecond));
        return new WaitingView(ahead, Seconds(wait), Seconds(wait), ticket, admitAt);
    }

    private static int Seconds(TimeSpan wait) => (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);

    private void Count(string saleId, string sku, Rejections refused) =>
        _refused.AddOrUpdate((saleId, sku), refused, (_, total) => total + refused);
}
