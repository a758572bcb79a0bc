using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

/// <param name="RateLimited">Refused at this front end's edge limits; the shards never see those.</param>
public sealed record RejectionsView(long SoldOut, long Limit, long Promo, long NotLive, long RateLimited)
{
    public static RejectionsView From(Rejections r, long rateLimited) => new(r.SoldOut, r.Limit, r.Promo, r.NotLive, rateLimited);
}
