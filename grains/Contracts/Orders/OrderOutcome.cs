namespace FlashSale.Orders;

/// <summary>How an order attempt (or a pay or cancel) ended.</summary>
[GenerateSerializer, Alias("flashsale.order-outcome")]
public enum OrderOutcome
{
    Held,
    SoldOut,
    NotLive,
    LimitExceeded,
    PromoRejected,
    NotSoldInRegion,
    UnknownSale,
    InvalidQuantity,
    KeyReused,
    Confirmed,
    Cancelled,
    HoldExpired,
    AlreadyCancelled,
    NotFound,
}
