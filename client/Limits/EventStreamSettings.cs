
namespace FlashSale.Client.Limits;

/// <summary>
/// Live stock streams (<c>GET /api/sales/{id}/events</c>) one front end serves: in all (<c>FlashSale:Events:MaxStreams</c>)
/// and per client address (<c>MaxStreamsPerAddress</c>), 0 meaning no cap; and how long one stream lasts before the
/// browser reconnects (<c>StreamSeconds</c>), so connections rebalance over front ends and none is held forever.
/// </summary>
public sealed record EventStreamSettings(int MaxStreams, int MaxStreamsPerAddress, TimeSpan Lifetime)
{
    public static EventStreamSettings From(IConfiguration configuration) => new(
        (int)WholeNumberSetting.Read(configuration, "FlashSale:Events:MaxStreams", 10_000, 0, "a whole number of streams (0: no cap)"),
        (int)WholeNumberSetting.Read(configuration, "FlashSale:Events:MaxStreamsPerAddress", 50, 0, "a whole number of streams (0: no cap)"),
        TimeSpan.FromSeconds(WholeNumberSetting.Read(configuration, "FlashSale:Events:StreamSeconds", 1_800, 1, "a whole number of seconds from 1 to 86400", max: 86_400)));
}
