namespace FlashSale.Client.Features.Quotes;

public sealed record PromoView(string Code, bool Applied, string? Reason);
