namespace FlashSale.Client.Features.Sales;

/// <summary>Money paid in one region, in its currency.</summary>
public sealed record RevenueView(string Region, string Currency, decimal Amount)
{
    public static RevenueView From(string key, decimal amount)
    {
        var parts = key.Split(' ');
        return new RevenueView(parts[0], parts.Length > 1 ? parts[1] : "", amount);
    }
}
