namespace FlashSale.Client.Features.Catalog;

/// <summary>A region's delivery times in a request: <c>{"domestic": [2, 5], "crossBorder": [15, 45]}</c>, in days.</summary>
public sealed record DeliveryDaysBody(int[]? Domestic, int[]? CrossBorder)
{
    public static DeliveryDaysBody From(Regions.DeliveryDays days) =>
        new([days.Domestic.Min, days.Domestic.Max], [days.CrossBorder.Min, days.CrossBorder.Max]);

    /// <summary>The days, or null with a message per field when a range is not two whole numbers.</summary>
    public Regions.DeliveryDays? ToDays(Domain.FieldErrors errors)
    {
        var domestic = Range("deliveryDays.domestic", Domestic, errors);
        var crossBorder = Range("deliveryDays.crossBorder", CrossBorder, errors);
        if (domestic is null || crossBorder is null)
        {
            // The region is refused anyway: say also what is wrong with the range that was given.
            if (domestic is not null)
            {
                Marketplace.DeliveryPromise.Check("deliveryDays.domestic", domestic, errors);
            }
            if (crossBorder is not null)
            {
                Marketplace.DeliveryPromise.Check("deliveryDays.crossBorder", crossBorder, errors);
            }
            return null;
        }
        return new Regions.DeliveryDays(domestic, crossBorder);
    }

    private static Regions.DayRange? Range(string field, int[]? days, Domain.FieldErrors errors)
    {
        if (days is not { Length: 2 })
        {
            errors.Add(field, "Required: [min, max] in days, e.g. [2, 5].");
            return null;
        }
        return new Regions.DayRange(days[0], days[1]);
    }
}
