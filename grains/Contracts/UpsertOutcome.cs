namespace FlashSale;

/// <summary>Whether a PUT made something new or changed what was there.</summary>
[GenerateSerializer, Alias("flashsale.upsert-outcome")]
public enum UpsertOutcome
{
    Created,
    Updated,
}
