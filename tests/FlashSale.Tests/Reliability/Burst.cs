using FlashSale.LoadTests.Targets;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// Buyers on one hot item, each with a token and an Idempotency-Key, as real clients behave: an answer that is not
/// definitive (503, a dropped connection) is retried with the same key until it is. Counts ok / refused / unknown.
/// Buyers' tokens are made with the platform's signing key (as a trusted identity provider would): a burst is about
/// holding stock, not about reading thousands of mailed codes.
/// </summary>
public sealed class Burst(Uri frontEnd, string saleId, string sku, PlatformTokens tokens)
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = frontEnd, Timeout = TimeSpan.FromSeconds(20) };
    private long firstUnknownTicks;
    private long firstServedAfterUnknownTicks;

    public ConcurrentDictionary<string, (string Token, string OrderId)> Acknowledged { get; } = new();
    public ConcurrentDictionary<string, string> AllOrders { get; } = new();
    /// <summary>The promo code buyer n enters, if any.</summary>
    public Func<int, string?> PromoFor { get; init; } = _ => null;

    /// <summary>What buyer n does once its hold is acknowledged: "pay", "cancel" or nothing (null).</summary>
    public Func<int, string?> SettleFor { get; init; } = _ => null;

    /// <summary>Every acknowledged order with the state its last definitive answer gave it, and the code it used.</summary>
    public ConcurrentDictionary<string, (string Token, string Status, string? Promo)> States { get; } = new();

    /// <summary>Every buyer who got a definitive answer to its order (acknowledged or refused): key to token.</summary>
    public ConcurrentDictionary<string, string> Buyers { get; } = new();

    public int SoldOut;
    public int PromoRejected;

    /// <summary>
    /// Refusals other than sold out and a code used up, by problem type (limit-exceeded, idempotency-key-reused,
    /// sale-not-live, another promo reason...): in these bursts each buyer orders once with a key of its own, so any of
    /// them is a bug the tests must see, not a buyer to drop from the checks.
    /// </summary>
    public ConcurrentDictionary<string, int> Unexpected { get; } = new();
    public int Unknown;
    public int Retries;

    /// <summary>From the first unknown answer to the first definitive one after it: how long the platform did not serve.</summary>
    public TimeSpan Outage => firstServedAfterUnknownTicks > firstUnknownTicks && firstUnknownTicks > 0
        ? Stopwatch.GetElapsedTime(firstUnknownTicks, firstServedAfterUnknownTicks) : TimeSpan.Zero;

    public async Task RunAsync(int buyers, int concurrency, int seed, Func<int, Task>? onAcknowledged = null)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, buyers).OrderBy(_ => random.Next()).ToList();
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (buyer, _) =>
        {
            var email = $"buyer-{seed}-{buyer}@example.com";
            var token = tokens.Mint(email).Token!;
            var key = $"key-{seed}-{buyer}";
            Buyers[key] = token;
            var outcome = await Definitively(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
                {
                    Content = JsonContent.Create(new { saleId, sku, quantity = 1, region = "BR", promoCode = PromoFor(buyer) }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                return (int)response.StatusCode switch
                {
                    201 => (await response.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>(),
                    409 or 422 => "refused " + await RefusalOf(response),
                    _ => null,
                };
            });
            if (outcome.StartsWith("refused ", StringComparison.Ordinal))
            {
                switch (outcome["refused ".Length..])
                {
                    case "sold-out":
                        Interlocked.Increment(ref SoldOut);
                        break;
                    case "promo-rejected exhausted":
                        Interlocked.Increment(ref PromoRejected);
                        break;
                    case var other:
                        Unexpected.AddOrUpdate(other, 1, (_, n) => n + 1);
                        break;
                }
                return;
            }
            AllOrders[key] = outcome;
            Acknowledged[key] = (token, outcome);
            States[outcome] = (token, "reserved", PromoFor(buyer));
            if (SettleFor(buyer) is { } action)
            {
                var status = await Definitively(() => SettleAsync(token, outcome, action));
                States[outcome] = (token, status, PromoFor(buyer));
            }
            if (onAcknowledged is not null)
            {
                await onAcknowledged(Acknowledged.Count);
            }
        });
    }

    /// <summary>Pays or cancels; the status the order has after a definitive answer, null when the outcome is unknown.</summary>
    private async Task<string?> SettleAsync(string token, string orderId, string action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/{action}") { Content = JsonContent.Create(new { paymentMethod = "test-card" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() : null;
    }

    /// <summary>
    /// Buyers whose "my orders" list does not hold exactly what they were told: one order (the acknowledged one) for a
    /// buyer told 201, none for a buyer refused. Order ids derive from customer and key, so comparing ids proves nothing;
    /// a retry that placed a second order, or a refusal that left one behind, shows here.
    /// </summary>
    public async Task<List<string>> MiscountedBuyersAsync()
    {
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Buyers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (buyer, _) =>
        {
            var expected = Acknowledged.TryGetValue(buyer.Key, out var ack) ? new[] { ack.OrderId } : [];
            var listed = await Definitively(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer.Value);
                using var response = await http.SendAsync(request);
                return response.IsSuccessStatusCode
                    ? string.Join(",", (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(o => o!["orderId"]!.GetValue<string>()).Order())
                    : null;
            }, counted: false);
            if (listed != string.Join(",", expected))
            {
                wrong.Add($"{buyer.Key}: listed [{listed}], told [{string.Join(",", expected)}]");
            }
        });
        return [.. wrong];
    }

    /// <summary>The refusal's problem slug, with the promo reason for a refused code ("promo-rejected exhausted").</summary>
    private static async Task<string> RefusalOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var slug = problem?["type"]?.GetValue<string>() is { } type ? type[(type.LastIndexOf('/') + 1)..] : $"status {(int)response.StatusCode}";
        return problem?["reason"]?.GetValue<string>() is { } reason ? $"{slug} {reason}" : slug;
    }

    /// <summary>
    /// Repeats a call (same key) until it gives a definitive answer, at most three minutes. Between tries it waits
    /// for the front end to say it is ready again, as a client that watches the health endpoint would.
    /// </summary>
    /// <param name="counted">Whether an unknown answer counts in the burst's figures (not for reading back afterwards).</param>
    public async Task<string> Definitively(Func<Task<string?>> call, bool counted = true)
    {
        var limit = Stopwatch.StartNew();
        var failed = false;
        while (true)
        {
            string? answer = null;
            try
            {
                answer = await call();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }
            if (answer is not null)
            {
                if (failed)
                {
                    Interlocked.CompareExchange(ref firstServedAfterUnknownTicks, Stopwatch.GetTimestamp(), 0);
                }
                return answer;
            }
            if (!failed && counted)
            {
                failed = true;
                Interlocked.Increment(ref Unknown);
                Interlocked.CompareExchange(ref firstUnknownTicks, Stopwatch.GetTimestamp(), 0);
            }
            if (counted)
            {
                Interlocked.Increment(ref Retries);
            }
            if (limit.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("no definitive answer in three minutes");
            }
            await Eventually.TrueAsync(() => PlatformProcess.IsReadyAsync(frontEnd), "the front end is ready again", TimeSpan.FromMinutes(3));
        }
    }

    /// <summary>
    /// Every acknowledged order read back by its owner: those missing or in another state than the last definitive answer
    /// about it said (reserved, confirmed, cancelled), as "id: status".
    /// </summary>
    public async Task<List<string>> NotAsToldAsync()
    {
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(States, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (order, _) =>
        {
            var status = await Definitively(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{order.Key}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", order.Value.Token);
                using var response = await http.SendAsync(request);
                return response.StatusCode switch
                {
                    HttpStatusCode.OK => (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>(),
                    HttpStatusCode.NotFound => "missing",
                    _ => null,
                };
            }, counted: false);
            if (status != order.Value.Status)
            {
                wrong.Add($"{order.Key}: {status}, told {order.Value.Status}");
            }
        });
        return [.. wrong];
    }

    /// <summary>Acknowledged units by the state buyers were last told: (paid, held).</summary>
    public (int Paid, int Held) ToldUnits() =>
        (States.Values.Count(s => s.Status == "confirmed"), States.Values.Count(s => s.Status == "reserved"));

    /// <summary>Every acknowledged order, read back by its owner; the ids that are missing.</summary>
    public Task<List<string>> MissingAsync() => MissingAsync(Acknowledged);

    /// <summary>
    /// The ids of <paramref name="acknowledged"/> orders (this burst's or another's) that this burst's front end says do
    /// not exist (404). An answer that is not definitive (503 while the platform recovers) is asked again, as a client would.
    /// </summary>
    public async Task<List<string>> MissingAsync(IDictionary<string, (string Token, string OrderId)> acknowledged)
    {
        var missing = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(acknowledged.Values, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (ack, _) =>
        {
            var answer = await Definitively(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{ack.OrderId}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ack.Token);
                using var response = await http.SendAsync(request);
                return response.StatusCode switch
                {
                    HttpStatusCode.OK => "found",
                    HttpStatusCode.NotFound => "missing",
                    _ => null,
                };
            }, counted: false);
            if (answer == "missing")
            {
                missing.Add(ack.OrderId);
            }
        });
        return [.. missing];
    }
}
