namespace FlashSale.Orders;

/// <summary>What a shopper asks for: never a price, a total or a discount.</summary>
[GenerateSerializer, Immutable, Alias("flashsale.order-request")]
public sealed record OrderRequest(
    [property: Id(0)] string SaleId,
    [property: Id(1)] string Sku,
    [property: Id(2)] int Quantity,
    [property: Id(3)] string Region,
    [property: Id(4)] string? PromoCode)
{
    /// <summary>The request's identity for Idempotency-Key checks: same key, same fingerprint, same order.</summary>
    public string Fingerprint => $"{SaleId}\n{Sku}\n{Quantity}\n{Region}\n{PromoCode?.Trim().ToUpperInvariant()}";

    /// <summary>The fingerprint in 64 bits, as shards store it.</summary>
    public long FingerprintHash
    {
        get
        {
            Span<byte> hash = stackalloc byte[32];
            Domain.Digest.Sha256(Fingerprint, hash);
            return BitConverter.ToInt64(hash);
        }
    }
}
