namespace FlashSale.Client.Api;

public sealed record PromoBatchView(string Prefix, int Count, IReadOnlyList<string> Codes);
