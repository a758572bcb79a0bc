namespace FlashSale.Sales;

[GenerateSerializer, Alias("flashsale.create-sale-outcome")]
public enum CreateSaleOutcome
{
    /// <summary>Created now, or earlier under the same Idempotency-Key (a retried create).</summary>
    Created,

    /// <summary>The same definition again, without the key that created it: nothing changed.</summary>
    AlreadyCreated,

    /// <summary>Another sale has this id.</summary>
    IdTaken,

    /// <summary>The Idempotency-Key created this sale with another definition.</summary>
    KeyReused,
}
