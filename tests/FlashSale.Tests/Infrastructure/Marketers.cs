using System.Text.Json;

namespace FlashSale.Tests.Infrastructure;

/// <summary>What a marketer does over HTTP beyond setting up the shop: changes sent with (or without) an Idempotency-Key.</summary>
public static class Marketers
{
    public static async Task<HttpResponseMessage> PostAsync(Platform platform, string path, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return await platform.Marketer.SendAsync(request);
    }

    /// <summary>An item's numbers as the sale board shows them.</summary>
    public static async Task<JsonElement> ItemStatsAsync(Platform platform, string saleId, string sku = "SNEAKER-1")
    {
        var stats = await platform.Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sales/{saleId}/stats");
        return stats.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("sku").GetString() == sku);
    }

    public static async Task<string?> ProblemTypeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString();

    public static async Task<bool> NamesFieldAsync(HttpResponseMessage response, string field) =>
        response.StatusCode == HttpStatusCode.BadRequest
        && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out var errors)
        && errors.TryGetProperty(field, out _);
}
