using FlashSale.Regions;

namespace FlashSale.Marketplace;

/// <summary>The delivery promise: pure rules over a region's delivery days and a product's warehouse country.</summary>
public static class DeliveryPromise
{
    /// <summary>Days a region gives a shopper to open a dispute after the promise's last day, when it sets none.</summary>
    public const int DefaultProtectionDays = 15;

    /// <summary>Longest delivery time or protection period a region may set, in days.</summary>
    public const int MaxDays = 365;

    /// <summary>True when the product ships from the shopper's own country.</summary>
    public static bool IsLocal(Region region, string? shipsFrom) => shipsFrom == region.Code;

    /// <summary>The days a parcel from <paramref name="shipsFrom"/> takes to <paramref name="region"/>; an unknown origin counts as abroad.</summary>
    public static DayRange Days(Region region, string? shipsFrom)
    {
        var days = region.DeliveryDays ?? DeliveryDays.Default;
        return IsLocal(region, shipsFrom) ? days.Domestic : days.CrossBorder;
    }

    /// <summary>The window for an order made at <paramref name="orderedAt"/>: its UTC date plus the range's days.</summary>
    public static DeliveryWindow Window(Region region, string? shipsFrom, DateTimeOffset orderedAt)
    {
        var day = DateOnly.FromDateTime(orderedAt.UtcDateTime);
        var days = Days(region, shipsFrom);
        return new DeliveryWindow(day.AddDays(days.Min), day.AddDays(days.Max));
    }

    /// <summary>The moment the promise is broken: the end (UTC) of its latest day.</summary>
    public static DateTimeOffset LateAfter(DeliveryWindow window) =>
        new(window.Latest.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Until when a shopper may open a dispute: the promise's end plus the region's protection days.</summary>
    public static DateTimeOffset ProtectionEnds(Region region, DeliveryWindow window) =>
        LateAfter(window).AddDays(region.ProtectionDays ?? DefaultProtectionDays);

    /// <summary>Adds a message per field (as the API names them) for delivery days that make no range.</summary>
    public static void Check(DeliveryDays? days, Domain.FieldErrors errors)
    {
        if (days is null)
        {
            return;
        }
        Check("deliveryDays.domestic", days.Domestic, errors);
        Check("deliveryDays.crossBorder", days.CrossBorder, errors);
    }

    public static void Check(string field, DayRange? range, Domain.FieldErrors errors)
    {
        if (range is null)
        {
            errors.Add(field, "Required: [min, max] in days, e.g. [2, 5].");
        }
        else if (range.Min < 0 || range.Max > MaxDays || range.Min > range.Max)
        {
            errors.Add(field, $"[min, max] with 0 <= min <= max <= {MaxDays}.");
        }
    }
}
