using FlashSale.Domain;

namespace FlashSale.Marketplace;

/// <summary>What makes a review acceptable.</summary>
public static class ReviewRules
{
    public const int MaxTextLength = 500;

    /// <summary>Reviews a product page lists (the newest visible ones).</summary>
    public const int Listed = 20;

    public static (int Rating, string Text)? Validate(int? rating, string? text, FieldErrors errors)
    {
        if (rating is not (>= 1 and <= 5))
        {
            errors.Add("rating", "Required: a whole number from 1 to 5.");
        }
        var checkedText = errors.CheckText("text", text, MaxTextLength, required: false) ?? "";
        return errors.IsEmpty ? (rating!.Value, checkedText) : null;
    }
}
