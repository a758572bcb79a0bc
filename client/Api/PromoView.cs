namespace FlashSale.Client.Api;

public sealed record PromoView(string Code, bool Applied, string? Reason);
