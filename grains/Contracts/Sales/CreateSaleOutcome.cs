namespace FlashSale.Sales;

[GenerateSerializer, Alias("flashsale.create-sale-outcome")]
public enum CreateSaleOutcome
{
    Created,

    /// <summary>The same definition again (a retried create): nothing changed.</summary>
    AlreadyCreated,

    /// <summary>Another sale has this id.</summary>
    IdTaken,
}
