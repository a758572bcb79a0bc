using FlashSale.LoadTests.Engine;
using FlashSale.LoadTests.Targets;

namespace FlashSale.LoadTests.Scenarios;

/// <summary>
/// More shoppers than the platform lets through: one hot item in a sale whose waiting room admits half the arrival
/// rate (or <c>--admit-per-second</c>). Each new shopper's first answer (<c>arrive</c>) is a hold, a place in line, sold
/// out or overloaded; one with a place waits for the turn it was given and comes back with its ticket (<c>turn</c>).
/// <c>eta-error</c> is how far each turn came from the wait first estimated. Over HTTP only: the room is at the front end.
/// </summary>
public sealed class OverloadScenario : Scenario
{
    public override string Name => "overload";
    public override string Description => "more shoppers than admitted: a waiting room lets half the arrival rate through, the rest wait their turn";

    /// <summary>Every shopper's first answer: what the platform does with more arrivals than it lets through.</summary>
    public override string KeyStep => "arrive";

    public override IReadOnlyList<StepSpec> Steps(bool signIn) =>
        AfterSignIn(signIn, new StepSpec("arrive", "sold-out"), new StepSpec("turn", "sold-out"), new StepSpec("eta-error"));

    public override async Task SetupAsync(RunContext run)
    {
        if (run.Target is not HttpTarget http)
        {
            throw new UsageException("overload drives a waiting room, which is at the front end: run it with --target.");
        }
        var sku = $"LT-OVER-{run.RunId}";
        await PutProductsAsync(run, [sku], "Queued sneaker", 120m);
        var sale = await CreateSaleAsync(run, $"lt-over-{run.RunId}", "Load test: overload", [(sku, run.Stock ?? 1_000_000, 1)], 120m);
        var rate = run.AdmitPerSecond ?? (int)Math.Max(1, Math.Round(run.Level / 2));
        await http.SetWaitingRoomAsync(sale.Id, rate);
        run.Log($"waiting room: {rate:N0} shoppers a second let through");
        // Front ends follow a room's change within a second (their sale readings are that fresh).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }

    public override async Task IterateAsync(Iteration iteration, RunContext run)
    {
        var http = (HttpTarget)run.Target;
        if (await SignInAsync(iteration, run) is not { } shopper)
        {
            return;
        }
        var (saleId, item) = run.Items[0];
        var line = new OrderLine(saleId, item.Sku, 1, RunContext.RandomRegion(), null);
        var key = Guid.NewGuid().ToString("N");
        LinePlace? place = null;
        string? orderId = null;
        await iteration.Step("arrive", async () =>
        {
            var (answer, id, given) = await http.EnterAsync(shopper, key, line, null);
            (orderId, place) = (id, given);
            return answer;
        });
        if (place is not null)
        {
            var arrived = DateTimeOffset.UtcNow;
            var estimate = place.AdmitAt - arrived;
            var wait = estimate;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            iteration.Rest();
            // The same order (same key) with the ticket; a turn that is not quite there yet waits again.
            for (var attempt = 0; attempt < 5 && place is not null; attempt++)
            {
                var ticket = place.Ticket;
                LinePlace? again = null;
                await iteration.Step("turn", async () =>
                {
                    var (answer, id, given) = await http.EnterAsync(shopper, key, line, ticket);
                    (orderId, again) = (id, given);
                    return answer;
                });
                place = again;
                if (place is not null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, (place.AdmitAt - DateTimeOffset.UtcNow).TotalSeconds)));
                    iteration.Rest();
                }
            }
            if (orderId is not null)
            {
                iteration.Measure("eta-error", (DateTimeOffset.UtcNow - arrived - estimate).Duration(), Answer.Ok());
            }
        }
        if (orderId is not null)
        {
            run.Ledger.Acknowledge(orderId, shopper, line);
        }
    }
}
