namespace FlashSale;

/// <summary>
/// The clock the shop's rules run on (sale windows, hold expiry, price history). A type of its own, so
/// tests can drive shop time without also stopping the clock Orleans itself runs on.
/// </summary>
public sealed class ShopClock(TimeProvider time) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override long GetTimestamp() => time.GetTimestamp();

    public override long TimestampFrequency => time.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;
}
