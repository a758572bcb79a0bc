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

    /// <summary>What a buyer does once its hold is acknowledged (pay, cancel), given its key, token and order id.</summary>
    public Func<string, string, string, Task>? AfterHold { get; init; }

    public int SoldOut;
    public int PromoRejected;
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
                    409 => "sold-out",
                    422 => "promo-rejected",
                    _ => null,
                };
            });
            if (outcome == "sold-out")
            {
                Interlocked.Increment(ref SoldOut);
                return;
            }
            if (outcome == "promo-rejected")
            {
                Interlocked.Increment(ref PromoRejected);
                return;
            }
            AllOrders[key] = outcome;
            Acknowledged[key] = (token, outcome);
            if (AfterHold is not null)
            {
                await AfterHold(key, token, outcome);
            }
            if (onAcknowledged is not null)
            {
                await onAcknowledged(Acknowledged.Count);
            }
        });
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
