using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// Every endpoint fed malformed JSON, wrong types, huge and negative numbers, long and odd strings, unknown fields,
/// missing headers, over-large bodies and well-formed names of nothing (orders of no shard, unknown SKUs, sales and
/// codes): never a 5xx, a refusal is ProblemDetails (naming the field when a field is at fault; 404 for a name of
/// nothing, 413 for a body too large), and a refused request changes nothing anyone can see.
/// </summary>
public sealed class FuzzTests() : PlatformTest(Backend.Sqlite)
{
    private const string SaleId = "fuzz-sale";
    private const string Code = "FUZZ10";

    private static readonly (HttpMethod Method, string Path, string? Body, bool Admin)[] Endpoints =
    [
        (HttpMethod.Put, "/api/admin/regions/BR", """{"name":"Brasil","currency":"BRL","taxRate":0.17,"pricesIncludeTax":true,"shippingFee":19.90,"freeShippingThreshold":199}""", true),
        (HttpMethod.Put, "/api/admin/products/SNEAKER-1", """{"name":"Sneaker","description":"d","category":"shoes","listPrices":{"BR":199.90,"US":39.99}}""", true),
        (HttpMethod.Post, "/api/admin/sales", """{"id":"fuzz-other","name":"Other","startsAt":"2026-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","regions":["BR"],"holdMinutes":10,"items":[{"sku":"SNEAKER-1","stock":5,"perCustomerLimit":1,"salePrices":{"BR":99.90}}]}""", true),
        (HttpMethod.Post, $"/api/admin/sales/{SaleId}/items/SNEAKER-1/restock", """{"quantity":5}""", true),
        (HttpMethod.Post, "/api/admin/promo-codes", """{"code":"FUZZ-NEW","kind":"percent","percent":10,"maxRedemptions":5}""", true),
        (HttpMethod.Post, "/api/admin/promo-codes/batch", """{"prefix":"FZ","count":3,"template":{"kind":"percent","percent":10}}""", true),
        (HttpMethod.Post, "/api/session", """{"email":"fuzz@example.com"}""", false),
        (HttpMethod.Post, "/api/session/verify", """{"challengeId":"0123456789abcdef0123456789abcdef","code":"123456"}""", false),
        (HttpMethod.Post, "/api/quote", $$"""{"saleId":"{{SaleId}}","sku":"SNEAKER-1","quantity":1,"region":"BR","promoCode":"{{Code}}"}""", false),
        (HttpMethod.Post, "/api/orders", $$"""{"saleId":"{{SaleId}}","sku":"SNEAKER-1","quantity":1,"region":"BR","promoCode":"{{Code}}"}""", false),
    ];

    private static readonly string[] PathOnly =
    [
        "GET /api/regions", "GET /api/sales?region={x}", "GET /api/sales/{x}?region=BR", "GET /api/sales/" + SaleId + "?region={x}",
        "GET /api/orders/{x}", "POST /api/orders/{x}/pay", "POST /api/orders/{x}/cancel", "GET /api/admin/sales/{x}", "GET /api/admin/sales/{x}/stats",
        "POST /api/admin/sales/{x}/pause", "POST /api/admin/sales/{x}/items/{x}/restock", "GET /api/admin/promo-codes/{x}", "POST /api/admin/promo-codes/{x}/disable",
        "POST /api/admin/promo-codes/{x}/enable", "GET /api/admin/promo-codes?take={x}",
        "PUT /api/admin/regions/{x}", "PUT /api/admin/products/{x}", "GET /api/products/{x}?region=BR",
    ];

    private static readonly JsonNode?[] WrongValues =
    [
        JsonValue.Create("not a number"), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(true), new JsonArray(1, 2),
        new JsonObject { ["nested"] = 1 }, JsonValue.Create(new string('x', 70_000)), JsonValue.Create("\u0000\u202e<script>'; DROP TABLE x;--"),
    ];

    private static readonly string[] OddStrings =
    [
        new string('A', 5_000), "%00", "..%2F..%2Fetc%2Fpasswd", "<script>alert(1)</script>", "' OR 1=1 --", "😀🔥", "\u202eRTL", "%FF%FE", "a%20b", "-1",
    ];

    [Fact]
    public async Task Bad_bodies_and_headers_on_every_endpoint_never_give_a_5xx_and_change_nothing()
    {
        var (shopper, before) = await SeedAsync();
        var findings = new List<string>();
        foreach (var (method, path, body, admin) in Endpoints)
        {
            foreach (var (label, content, contentType) in BadBodies(body!))
            {
                var response = await SendAsync(method, path, content, contentType, admin ? Auth.Marketer : Auth.Shopper, shopper);
                await Judge(findings, $"{method} {path} {label}", response, expectRefusal: true, namesField: label.StartsWith("field ", StringComparison.Ordinal) ? label.Split(' ')[1] : null);
            }
            // The headers that matter missing: no key for admin, no token for shoppers, no Idempotency-Key for orders.
            var bare = await SendAsync(method, path, body, "application/json", Auth.None, shopper);
            if (path is not ("/api/session" or "/api/session/verify" or "/api/quote"))
            {
                await Judge(findings, $"{method} {path} without credentials", bare, expectRefusal: true, namesField: null);
            }
        }
        var noKey = await SendAsync(HttpMethod.Post, "/api/orders", Endpoints[^1].Body, "application/json", Auth.ShopperWithoutIdempotencyKey, shopper);
        await Judge(findings, "POST /api/orders without Idempotency-Key", noKey, expectRefusal: true, namesField: "Idempotency-Key");

        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.Equal(before, await StateAsync(shopper));
    }

    [Fact]
    public async Task Odd_path_and_query_values_on_every_endpoint_never_give_a_5xx_and_change_nothing()
    {
        var (shopper, before) = await SeedAsync();
        var findings = new List<string>();
        foreach (var route in PathOnly)
        {
            var method = new HttpMethod(route.Split(' ')[0]);
            foreach (var odd in OddStrings)
            {
                var path = route.Split(' ')[1].Replace("{x}", Uri.EscapeDataString(odd).Replace("%25", "%"));
                var admin = path.StartsWith("/api/admin", StringComparison.Ordinal);
                var body = method == HttpMethod.Get ? null : path.EndsWith("/pay", StringComparison.Ordinal) ? """{"paymentMethod":"test-card"}""" : "{}";
                var response = await SendAsync(method, path, body, "application/json", admin ? Auth.Marketer : Auth.Shopper, shopper);
                await Judge(findings, $"{route} with {odd[..Math.Min(20, odd.Length)]}", response, expectRefusal: route != "GET /api/regions", namesField: null);
            }
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.Equal(before, await StateAsync(shopper));
    }

    /// <summary>Well-formed ids and names that refer to nothing: what each must answer (a refusal, never a 5xx).</summary>
    private static readonly (string Route, string? Body, int Status)[] NamesOfNothing =
    [
        ("GET /api/orders/nosuch~SNEAKER-1~0~aaaaaaaaaaaaaaaaaaaa", null, 404),
        ("POST /api/orders/nosuch~SNEAKER-1~0~aaaaaaaaaaaaaaaaaaaa/pay", """{"paymentMethod":"test-card"}""", 404),
        ("POST /api/orders/nosuch~SNEAKER-1~0~aaaaaaaaaaaaaaaaaaaa/cancel", null, 404),
        ($"GET /api/orders/{SaleId}~SNEAKER-1~7~aaaaaaaaaaaaaaaaaaaa", null, 404),
        ($"POST /api/orders/{SaleId}~SNEAKER-1~3~aaaaaaaaaaaaaaaaaaaa/pay", """{"paymentMethod":"test-card"}""", 404),
        ($"POST /api/orders/{SaleId}~GHOST-1~0~aaaaaaaaaaaaaaaaaaaa/cancel", null, 404),
        ($"GET /api/orders/{SaleId}~SNEAKER-1~0~bbbbbbbbbbbbbbbbbbbb", null, 404),
        ("GET /api/products/GHOST-1?region=BR", null, 404),
        ("POST /api/session/verify", """{"challengeId":"0123456789abcdef0123456789abcdef","code":"123456"}""", 410),
        ("GET /api/sales/nosuch?region=BR", null, 404),
        ("GET /api/sales/nosuch/events?region=BR", null, 404),
        ("POST /api/quote", """{"saleId":"nosuch","sku":"SNEAKER-1","quantity":1,"region":"BR"}""", 404),
        ("POST /api/quote", """{"sku":"GHOST-1","quantity":1,"region":"BR"}""", 404),
        ("POST /api/orders", """{"saleId":"nosuch","sku":"SNEAKER-1","quantity":1,"region":"BR"}""", 404),
        ("POST /api/orders", $$"""{"saleId":"{{SaleId}}","sku":"GHOST-1","quantity":1,"region":"BR"}""", 404),
        ("GET /api/admin/sales/nosuch", null, 404),
        ("GET /api/admin/sales/nosuch/stats", null, 404),
        ("POST /api/admin/sales/nosuch/pause", null, 404),
        ("POST /api/admin/sales/nosuch/items/SNEAKER-1/restock", """{"quantity":1}""", 404),
        ($"POST /api/admin/sales/{SaleId}/items/GHOST-1/restock", """{"quantity":1}""", 404),
        ("GET /api/admin/promo-codes/NOSUCH-CODE", null, 404),
        ("POST /api/admin/promo-codes/NOSUCH-CODE/disable", null, 404),
    ];

    [Fact]
    public async Task Well_formed_names_of_nothing_are_refused_as_unknown_never_a_5xx_and_change_nothing()
    {
        var (shopper, before) = await SeedAsync();
        var findings = new List<string>();
        foreach (var (route, body, expected) in NamesOfNothing)
        {
            var (method, path) = (new HttpMethod(route.Split(' ')[0]), route.Split(' ')[1]);
            var admin = path.StartsWith("/api/admin", StringComparison.Ordinal);
            var response = await SendAsync(method, path, body ?? (method == HttpMethod.Get ? null : "{}"), "application/json", admin ? Auth.Marketer : Auth.Shopper, shopper);
            if ((int)response.StatusCode != expected)
            {
                findings.Add($"{route} {body}: {(int)response.StatusCode}, expected {expected}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                continue;
            }
            await Judge(findings, $"{route} {body}", response, expectRefusal: true, namesField: null);
        }
        // A code nobody made is not an error in a quote: the quote says why it does not apply.
        var quote = await SendAsync(HttpMethod.Post, "/api/quote", $$"""{"saleId":"{{SaleId}}","sku":"SNEAKER-1","quantity":1,"region":"BR","promoCode":"NOSUCH-CODE"}""",
            "application/json", Auth.Shopper, shopper);
        var promo = JsonNode.Parse(await quote.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))?["promo"];

        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal((false, "unknown"), (promo!["applied"]!.GetValue<bool>(), promo["reason"]!.GetValue<string>()));
        Assert.Equal(before, await StateAsync(shopper));
    }

    [Fact]
    public async Task An_over_large_body_is_refused_with_413_whether_or_not_its_length_is_announced()
    {
        var (shopper, before) = await SeedAsync();
        // Well-shaped bodies with one string that takes them just past the 1 MiB cap: a reader that stops at the first wrong
        // field cannot refuse them early, and the client has usually sent all of it (loopback buffers hold the rest) by the
        // time the server answers and closes, so the answer is read rather than lost in a broken pipe.
        var product = """{"name":"Sneaker","description":"HUGE","category":"shoes","listPrices":{"BR":199.90}}""";
        var order = $$"""{"saleId":"{{SaleId}}","sku":"SNEAKER-1","quantity":1,"region":"BR","promoCode":"HUGE"}""";
        var findings = new List<string>();
        foreach (var (path, template, admin) in new[] { ("/api/admin/products/SNEAKER-1", product, true), ("/api/orders", order, false), ("/api/quote", order, false) })
        {
            var huge = template.Replace("HUGE", new string('x', 1_050_000), StringComparison.Ordinal);
            foreach (var chunked in new[] { false, true })
            {
                // On a loaded machine the server may answer and close while the client is still writing: that broken pipe
                // says nothing about the server, so the request goes again (a few times) until its answer can be read.
                HttpResponseMessage? response = null;
                for (var attempt = 1; response is null; attempt++)
                {
                    using var request = new HttpRequestMessage(path.Contains("products", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path);
                    // A stream of unknown length goes out chunked: the size is not announced, so only reading can find it out.
                    request.Content = chunked ? new StreamContent(new UnknownLength(Encoding.UTF8.GetBytes(huge))) : new StringContent(huge, Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    if (admin)
                    {
                        request.Headers.Add("X-Api-Key", Platform.MarketerKey);
                    }
                    else
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", shopper);
                        request.Headers.Add("Idempotency-Key", $"huge-{Guid.NewGuid():N}");
                    }
                    // A connection of its own: the server closes it after refusing a body it did not read.
                    using var client = new HttpClient { BaseAddress = Platform.Http.BaseAddress };
                    try
                    {
                        response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                    }
                    catch (HttpRequestException broken) when (attempt < 5 && broken.InnerException is IOException)
                    {
                    }
                }
                using (response)
                {
                    var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge || !body.Contains("/problems/payload-too-large", StringComparison.Ordinal))
                    {
                        findings.Add($"{path} {(chunked ? "chunked" : "with Content-Length")}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                    }
                }
            }
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.Equal(before, await StateAsync(shopper));
    }

    /// <summary>A body whose length the client cannot tell in advance.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private enum Auth
    {
        None,
        Marketer,
        Shopper,
        ShopperWithoutIdempotencyKey,
    }

    private async Task<(string Token, string State)> SeedAsync()
    {
        await Shoppers.CreateSaleAsync(Platform, SaleId, 10, 2, "BR", "US");
        (await Platform.Marketer.PostAsJsonAsync("/api/admin/promo-codes", new { code = Code, kind = "percent", percent = 10, maxRedemptions = 5 }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var token = await Shoppers.SignInByCodeAsync(Platform, "ana@example.com");
        using var order = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(new { saleId = SaleId, sku = "SNEAKER-1", quantity = 1, region = "BR" }) };
        order.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        order.Headers.Add("Idempotency-Key", "seed-1");
        (await Platform.Http.SendAsync(order, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        return (token, await StateAsync(token));
    }

    /// <summary>What anyone could see change: regions, products, sales with their counts, the code's redemptions, the shopper's orders.</summary>
    private async Task<string> StateAsync(string token)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/regions", "/api/admin/products", "/api/admin/sales", $"/api/admin/sales/{SaleId}/stats", $"/api/admin/promo-codes/{Code}" })
        {
            parts.Add(Strip(await Platform.Marketer.GetStringAsync(path, TestContext.Current.CancellationToken)));
        }
        using var orders = new HttpRequestMessage(HttpMethod.Get, "/api/orders");
        orders.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        parts.Add(Strip(await (await Platform.Http.SendAsync(orders, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        return string.Join("\n", parts);
    }

    /// <summary>The JSON without the fields that move by themselves (clocks, rates).</summary>
    private static string Strip(string json)
    {
        var node = JsonNode.Parse(json);
        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).Where(k => k is "serverTime" or "ordersPerSecond" or "countedAt" or "holdSecondsLeft" or "status").ToList())
                {
                    o.Remove(key);
                }
                foreach (var child in o.Select(p => p.Value).ToList())
                {
                    Walk(child);
                }
            }
            else if (n is JsonArray a)
            {
                foreach (var child in a)
                {
                    Walk(child);
                }
            }
        }
        Walk(node);
        return node!.ToJsonString();
    }

    private static IEnumerable<(string Label, string? Content, string ContentType)> BadBodies(string valid)
    {
        yield return ("malformed json", "{\"name\": ", "application/json");
        yield return ("not json", "hello", "application/json");
        yield return ("json array", "[1,2,3]", "application/json");
        yield return ("json null", "null", "application/json");
        yield return ("empty body", "", "application/json");
        yield return ("text/plain", valid, "text/plain");
        yield return ("deeply nested", new string('[', 5_000) + new string(']', 5_000), "application/json");
        var template = JsonNode.Parse(valid)!.AsObject();
        foreach (var unknown in new[] { "price", "total", "discount", "status", "unitPrice", "version" })
        {
            var copy = JsonNode.Parse(valid)!.AsObject();
            copy[unknown] = unknown == "status" ? "confirmed" : 0.01;
            yield return ($"unknown field {unknown}", copy.ToJsonString(), "application/json");
        }
        foreach (var field in template.Select(p => p.Key))
        {
            foreach (var wrong in WrongValues)
            {
                if (!IsSurelyWrong(field, template[field], wrong))
                {
                    continue;
                }
                var copy = JsonNode.Parse(valid)!.AsObject();
                copy[field] = wrong?.DeepClone();
                yield return ($"field {field} = {Describe(wrong)}", copy.ToJsonString(), "application/json");
            }
        }
    }

    /// <summary>Whether a value is invalid for a field whatever the rules (a wrong JSON type, a negative count, an absurd length).</summary>
    private static bool IsSurelyWrong(string field, JsonNode? valid, JsonNode? wrong)
    {
        var validKind = valid?.GetValueKind();
        var wrongKind = wrong?.GetValueKind();
        if (validKind != wrongKind)
        {
            return true;
        }
        return wrong!.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Number => field is "quantity" or "count" or "holdMinutes" or "maxRedemptions" or "percent" or "taxRate" or "shippingFee"
                || double.Parse(wrong.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) > 1e20,
            System.Text.Json.JsonValueKind.String => wrong.GetValue<string>().Length > 10_000 || (wrong.GetValue<string>().Contains('\u0000') && field is not ("name" or "description" or "category")),
            _ => false,
        };
    }

    private static string Describe(JsonNode? value) => value?.ToJsonString() is { } json ? json[..Math.Min(24, json.Length)] : "null";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? content, string contentType, Auth auth, string token)
    {
        var request = new HttpRequestMessage(method, path);
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        switch (auth)
        {
            case Auth.Marketer:
                request.Headers.Add("X-Api-Key", Platform.MarketerKey);
                break;
            case Auth.Shopper:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Idempotency-Key", $"fuzz-{Guid.NewGuid():N}");
                break;
            case Auth.ShopperWithoutIdempotencyKey:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                break;
        }
        return await Platform.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task Judge(List<string> findings, string what, HttpResponseMessage response, bool expectRefusal, string? namesField)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (status >= 500)
        {
            findings.Add($"{what}: {status} {body[..Math.Min(200, body.Length)]}");
        }
        else if (expectRefusal && status < 400)
        {
            findings.Add($"{what}: accepted with {status}");
        }
        // Kestrel itself refuses a request line it cannot parse (an encoded NUL, a 5 kB path) before any app code runs: empty 400/414.
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && status != 404 && status != 405
                 && !(status is 400 or 414 && body.Length == 0))
        {
            findings.Add($"{what}: {status} without ProblemDetails");
        }
        else if (status == 400 && namesField is not null && JsonNode.Parse(body)?["errors"] is not JsonObject errors)
        {
            findings.Add($"{what}: 400 without errors naming {namesField}");
        }
        else if (status == 400 && namesField is not null && JsonNode.Parse(body)!["errors"]!.AsObject().Count == 0)
        {
            findings.Add($"{what}: 400 with an empty errors object");
        }
    }
}
