namespace FlashSale.LoadTests.Targets;

public sealed record PromoStats(string Code, int? MaxRedemptions, int Redeemed, int Held);
