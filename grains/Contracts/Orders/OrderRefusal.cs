namespace FlashSale.Orders;

/// <summary>
/// A refused order step in the API's words: the status, the problem type's slug (<c>/problems/{Slug}</c>), a title and
/// a detail a shopper can act on; <see cref="Field"/> names the request field at fault when the slug is "validation".
/// </summary>
public sealed record OrderRefusal(int Status, string Slug, string Title, string Detail, string? Field = null);
