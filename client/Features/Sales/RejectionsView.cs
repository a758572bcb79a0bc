using FlashSale.Sales;

namespace FlashSale.Client.Features.Sales;

public sealed record RejectionsView(long SoldOut, long Limit, long Promo, long NotLive, long RateLimited)
{
    public static RejectionsView From(Rejections r) => new(r.SoldOut, r.Limit, r.Promo, r.NotLive, r.RateLimited);
}
