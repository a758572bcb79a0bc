using FlashSale.Promos;

namespace FlashSale.Client.Features.Promos;

/// <summary>Body of <c>POST /api/admin/promo-codes/batch</c>: <see cref="Count"/> single-use codes from one template.</summary>
public sealed record PromoBatchRequest(string? Prefix, int? Count, PromoDraft? Template);
