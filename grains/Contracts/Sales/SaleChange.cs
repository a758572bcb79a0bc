namespace FlashSale.Sales;

/// <summary>
/// The outcome of a marketer's change, with the sale as it is afterwards (null when there is no such sale), and
/// for a refusal the reason in words.
/// </summary>
[GenerateSerializer, Immutable, Alias("flashsale.sale-change")]
public sealed record SaleChange(
    [property: Id(0)] SaleChangeOutcome Outcome,
    [property: Id(1)] SaleSnapshot? Sale,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] string? Field = null)
{
    public static SaleChange NotFound { get; } = new(SaleChangeOutcome.NotFound, null);

    public static SaleChange KeyReused { get; } = new(SaleChangeOutcome.KeyReused, null);
}
