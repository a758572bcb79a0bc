namespace FlashSale.LoadTests.Targets;

/// <summary>A percent-off code shared by everyone, capped in total and per customer.</summary>
public sealed record PromoSpec(string Code, decimal Percent, int MaxRedemptions, int PerCustomerLimit);
