namespace FlashSale.Sales;

/// <summary>How a marketer's change to a running sale (pause, resume, end, restock) went.</summary>
[GenerateSerializer, Alias("flashsale.sale-change-outcome")]
public enum SaleChangeOutcome
{
    /// <summary>Recorded (or recorded before, under the same Idempotency-Key); the shards get it until each confirmed.</summary>
    Done,

    /// <summary>No such sale, or no such item in it.</summary>
    NotFound,

    /// <summary>The Idempotency-Key was used for another change of this sale.</summary>
    KeyReused,

    /// <summary>The restock would take the item past <see cref="SaleValidation.MaxStockPerItem"/>.</summary>
    OverStockCap,

    /// <summary>An edit that would break what shoppers were promised (a live sale's prices, stock or window): <see cref="SaleChange.Field"/> says which.</summary>
    Refused,
}
