using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests.Targets;

/// <summary>A running platform, driven through its public HTTP contract as shoppers' browsers and the console do.</summary>
public sealed class HttpTarget : IShopTarget
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly string apiKey;
    private readonly string apiKeySource;
    private readonly PlatformTokens? tokens;

    /// <param name="tokens">
    /// The platform's signing key, for a platform whose shoppers sign in by a mailed code: shoppers then get tokens made
    /// here, as from a trusted identity provider, and sign-in is no request of its own. Without it, each shopper signs in
    /// with <c>POST /api/session</c> (open sign-in), measured as the <c>sign-in</c> step.
    /// </param>
    /// <param name="apiKeySource">Where the marketer key came from, for the one line that says the platform refused it.</param>
    public HttpTarget(Uri baseAddress, string apiKey, int connections, PlatformTokens? tokens = null, string apiKeySource = "--api-key")
    {
        this.apiKey = apiKey;
        this.apiKeySource = apiKeySource;
        this.tokens = tokens;
        Connections = connections;
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Describe => http.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>The platform's address (the streams scenario opens its own connections to it).</summary>
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Connections it opens at most (a plain endpoint compared with it gets as many).</summary>
    public int Connections { get; }

    public bool SignInIsARequest => tokens is null;

    public async Task EnsureRegionsAsync(IReadOnlyList<MarketRegion> regions)
    {
        var known = await http.GetFromJsonAsync<JsonArray>("/api/regions", Json) ?? [];
        var codes = known.Select(r => r?["code"]?.GetValue<string>()).ToHashSet();
        foreach (var region in regions.Where(r => !codes.Contains(r.Code)))
        {
            await Admin(HttpMethod.Put, $"/api/admin/regions/{region.Code}", new
            {
                region.Name, region.Currency, region.TaxRate, region.PricesIncludeTax, region.ShippingFee, region.FreeShippingThreshold,
            });
        }
    }

    public Task PutProductAsync(ProductSpec product) => Admin(HttpMethod.Put, $"/api/admin/products/{product.Sku}", new
    {
        product.Name, description = "Load-test item", category = "load-test", listPrices = product.ListPrices,
    });

    public Task CreateSaleAsync(SaleSpec sale) => Admin(HttpMethod.Post, "/api/admin/sales", new
    {
        sale.Id, sale.Name, sale.StartsAt, sale.EndsAt, sale.Regions, sale.HoldMinutes,
        items = sale.Items.Select(i => new { i.Sku, i.Stock, i.PerCustomerLimit, i.SalePrices }),
    });

    public Task CreatePromoAsync(PromoSpec promo) => Admin(HttpMethod.Post, "/api/admin/promo-codes", new
    {
        promo.Code, kind = "percent", promo.Percent, promo.MaxRedemptions, promo.PerCustomerLimit,
    });

    public async Task<(Answer, Shopper?)> SignInAsync(string email)
    {
        if (tokens is not null)
        {
            return (new Answer(200), tokens.Mint(email));
        }
        using var response = await http.PostAsJsonAsync("/api/session", new { email }, Json);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            throw new UsageException(CodeSignIn);
        }
        var answer = await AnswerOf(response);
        if (!answer.Success)
        {
            return (answer, null);
        }
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return (answer, new Shopper(body!["customerId"]!.GetValue<string>(), body["token"]!.GetValue<string>()));
    }

    /// <summary>Stops the run before it starts when the platform signs shoppers in by code and no signing key was given.</summary>
    public async Task CheckSignInAsync()
    {
        if (tokens is not null)
        {
            return;
        }
        using var response = await http.GetAsync("/api/session/options");
        if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonObject>(Json))?["mode"]?.GetValue<string>() == "code")
        {
            throw new UsageException(CodeSignIn);
        }
    }

    private const string CodeSignIn =
        "the platform signs shoppers in by a mailed code: give the tool its signing key (--signing-key KEY, or --data-dir with its data folder), or start it with --FlashSale:Auth:ShopperSignIn=Open.";

    public Task<Answer> ListSalesAsync(string region) => Get($"/api/sales?region={region}");

    public Task<Answer> GetSaleAsync(string saleId, string region) => Get($"/api/sales/{Uri.EscapeDataString(saleId)}?region={region}");

    public async Task<Answer> QuoteAsync(OrderLine line)
    {
        using var response = await http.PostAsJsonAsync("/api/quote", line, Json);
        return await AnswerOf(response);
    }

    public async Task<(Answer, string?)> PlaceOrderAsync(Shopper shopper, string idempotencyKey, OrderLine line)
    {
        using var request = Shopping(HttpMethod.Post, "/api/orders", shopper, line);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        var answer = await AnswerOf(response);
        if (!answer.Success || response.StatusCode == HttpStatusCode.Accepted)
        {
            // 202: a place in a waiting room, no order yet (the overload scenario follows it up).
            return (answer, null);
        }
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return (answer, body!["orderId"]!.GetValue<string>());
    }

    /// <summary>
    /// An order in a sale with a waiting room: placed (201, its id), a place in line (202, the place), or a refusal;
    /// with the ticket of an earlier place when the shopper comes back on their turn.
    /// </summary>
    public async Task<(Answer Answer, string? OrderId, LinePlace? Place)> EnterAsync(Shopper shopper, string idempotencyKey, OrderLine line, string? ticket)
    {
        using var request = Shopping(HttpMethod.Post, "/api/orders", shopper, line);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ticket is not null)
        {
            request.Headers.Add("Queue-Ticket", ticket);
        }
        using var response = await http.SendAsync(request);
        var answer = await AnswerOf(response);
        if (answer.Status == 503 && response.Headers.RetryAfter is null)
        {
            // A 503 that does not say when to come back is no definite answer for a shopper.
            answer = answer with { Problem = $"{answer.Problem}-without-retry-after" };
        }
        if (!answer.Success)
        {
            return (answer, null, null);
        }
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Json))!;
        return response.StatusCode == HttpStatusCode.Accepted
            ? (new Answer(202, "queued"), null, new LinePlace(body["position"]!.GetValue<long>(), body["estimatedWaitSeconds"]!.GetValue<int>(),
                body["ticket"]!.GetValue<string>(), body["admitAt"]!.GetValue<DateTimeOffset>()))
            : (answer, body["orderId"]!.GetValue<string>(), null);
    }

    /// <summary>Turns a sale's waiting room on at a rate (a marketer's <c>PUT /api/admin/sales/{id}/waiting-room</c>).</summary>
    public async Task SetWaitingRoomAsync(string saleId, int admitPerSecond)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/sales/{Uri.EscapeDataString(saleId)}/waiting-room")
        {
            Content = JsonContent.Create(new { admitPerSecond }, options: Json),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task<Answer> PayAsync(Shopper shopper, string orderId)
    {
        using var request = Shopping(HttpMethod.Post, $"/api/orders/{Uri.EscapeDataString(orderId)}/pay", shopper, new { paymentMethod = "test-card" });
        using var response = await http.SendAsync(request);
        return await AnswerOf(response);
    }

    public async Task<Answer> CancelAsync(Shopper shopper, string orderId)
    {
        using var request = Shopping(HttpMethod.Post, $"/api/orders/{Uri.EscapeDataString(orderId)}/cancel", shopper, null);
        using var response = await http.SendAsync(request);
        return await AnswerOf(response);
    }

    public async Task<Answer> GetTimelineAsync(Shopper shopper, string orderId)
    {
        using var request = Shopping(HttpMethod.Get, $"/api/orders/{Uri.EscapeDataString(orderId)}/timeline", shopper, null);
        using var response = await http.SendAsync(request);
        return await AnswerOf(response);
    }

    public Task<Answer> GetReviewsAsync(string sku) => Get($"/api/products/{Uri.EscapeDataString(sku)}/reviews");

    public async Task<string?> GetOrderStatusAsync(Shopper shopper, string orderId)
    {
        using var request = Shopping(HttpMethod.Get, $"/api/orders/{Uri.EscapeDataString(orderId)}", shopper, null);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return body!["status"]!.GetValue<string>();
    }

    public async Task<IReadOnlyList<ItemStats>> GetStatsAsync(string saleId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/sales/{Uri.EscapeDataString(saleId)}/stats");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return body!["items"]!.AsArray().Select(i => new ItemStats(saleId, i!["sku"]!.GetValue<string>(),
            i["stock"]!.GetValue<int>(), i["sold"]!.GetValue<int>(), i["held"]!.GetValue<int>(), i["available"]!.GetValue<int>(),
            i["allocated"]?.GetValue<int>(), i["inTransfer"]?.GetValue<int>())).ToList();
    }

    public async Task<PromoStats?> GetPromoAsync(string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/promo-codes/{Uri.EscapeDataString(code)}");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return new PromoStats(code, body!["maxRedemptions"]?.GetValue<int?>(), body["redeemed"]!.GetValue<int>(), body["held"]!.GetValue<int>());
    }

    /// <summary>The exact bytes a GET answers (the plain-endpoint baseline serves the same JSON).</summary>
    public async Task<(string ContentType, byte[] Body)> GetRawAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        response.EnsureSuccessStatusCode();
        return (response.Content.Headers.ContentType?.ToString() ?? "application/json", await response.Content.ReadAsByteArrayAsync());
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Answer> Get(string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return await AnswerOf(response);
    }

    /// <summary>The platform's Prometheus scrape (behind the marketer key), or null when it has none.</summary>
    public async Task<string?> GetMetricsTextAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    /// <summary>The stats API's average batch of the given sales' items, weighted by their orders (each item's whole life).</summary>
    public async Task<double?> GetMeanBatchAsync(IEnumerable<string> saleIds)
    {
        double weighted = 0;
        long orders = 0;
        foreach (var saleId in saleIds)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/sales/{Uri.EscapeDataString(saleId)}/stats");
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
            foreach (var item in body!["items"]!.AsArray())
            {
                if (item?["averageBatch"] is { } average && item["orders"] is { } count)
                {
                    weighted += average.GetValue<double>() * count.GetValue<long>();
                    orders += count.GetValue<long>();
                }
            }
        }
        return orders > 0 ? weighted / orders : null;
    }

    private static HttpRequestMessage Shopping(HttpMethod method, string path, Shopper shopper, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", shopper.Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        return request;
    }

    private async Task Admin(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new UsageException($"{http.BaseAddress} refused the marketer key from {apiKeySource} ({(int)response.StatusCode} on {method} {path}): " +
                "give that platform's key with --api-key, FLASHSALE_MARKETER_KEY or --data-dir (its data folder's marketer.key).");
        }
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {detail}");
        }
    }

    /// <summary>The status and, for a refusal, the problem type's slug (the part after /problems/).</summary>
    private static async Task<Answer> AnswerOf(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new Answer(status);
        }
        string? slug = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
            slug = problem?["type"]?.GetValue<string>() is { } type ? type[(type.LastIndexOf('/') + 1)..] : null;
        }
        return new Answer(status, slug);
    }
}
