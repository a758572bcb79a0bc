namespace FlashSale.LoadTests.Engine;

/// <summary>
/// Open: shoppers arrive at a fixed rate whether or not earlier ones got an answer (latency counts from the
/// scheduled arrival, so a stalled server shows as latency, not as fewer requests). Closed: a fixed number of
/// shoppers, each waiting for its answer before the next try.
/// </summary>
public enum LoadModel
{
    Open,
    Closed,
}
