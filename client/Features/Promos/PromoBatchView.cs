namespace FlashSale.Client.Features.Promos;

public sealed record PromoBatchView(string Prefix, int Count, IReadOnlyList<string> Codes);
