using FlashSale.LoadTests.Engine;

namespace FlashSale.LoadTests.Targets;

/// <summary>
/// The platform as the scenarios drive it: over HTTP (the contract of API.md) or straight on the grains of a
/// silo in this process. Both answer with HTTP status codes and problem slugs, so reports read the same.
/// </summary>
public interface IShopTarget : IAsyncDisposable
{
    /// <summary>"http://127.0.0.1:8080" or "in-process silo on PostgreSQL".</summary>
    string Describe { get; }

    /// <summary>Whether signing in is a request of its own (over HTTP) or free (in process, a shopper is just an id).</summary>
    bool SignInIsARequest { get; }

    Task EnsureRegionsAsync(IReadOnlyList<MarketRegion> regions);

    Task PutProductAsync(ProductSpec product);

    Task CreateSaleAsync(SaleSpec sale);

    Task CreatePromoAsync(PromoSpec promo);

    Task<(Answer, Shopper?)> SignInAsync(string email);

    Task<Answer> ListSalesAsync(string region);

    Task<Answer> GetSaleAsync(string saleId, string region);

    Task<Answer> QuoteAsync(OrderLine line);

    /// <summary>The answer and, on 201, the order id.</summary>
    Task<(Answer, string?)> PlaceOrderAsync(Shopper shopper, string idempotencyKey, OrderLine line);

    Task<Answer> PayAsync(Shopper shopper, string orderId);

    Task<Answer> CancelAsync(Shopper shopper, string orderId);

    /// <summary>A paid order's timeline as its owner reads it in "my orders".</summary>
    Task<Answer> GetTimelineAsync(Shopper shopper, string orderId);

    /// <summary>A product's reviews and rating, as its page reads them.</summary>
    Task<Answer> GetReviewsAsync(string sku);

    /// <summary>The order's status as its owner sees it ("reserved", "confirmed", ...), null when the platform does not have it.</summary>
    Task<string?> GetOrderStatusAsync(Shopper shopper, string orderId);

    Task<IReadOnlyList<ItemStats>> GetStatsAsync(string saleId);

    Task<PromoStats?> GetPromoAsync(string code);
}
