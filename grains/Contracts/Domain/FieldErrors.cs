namespace FlashSale.Domain;

/// <summary>Validation messages per request field (camelCase, as the client sent it), for a 400 ProblemDetails.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>An amount in <paramref name="currency"/>: present when required, not negative, no more digits than the currency has.</summary>
    public decimal? CheckAmount(string field, decimal? amount, string? currency, bool required)
    {
        if (amount is null)
        {
            if (required)
            {
                Add(field, "Required.");
            }
            return null;
        }
        if (amount < 0)
        {
            Add(field, "Must not be negative.");
        }
        else if (amount > 1_000_000_000m)
        {
            Add(field, "Must be at most 1000000000.");
        }
        else if (currency is not null && Currencies.IsKnown(currency) && !Money.IsExact(amount.Value, currency))
        {
            Add(field, $"{currency} amounts have {Currencies.MinorDigits(currency)} decimal places at most.");
        }
        return amount;
    }

    public string? CheckText(string field, string? text, int maxLength, bool required = true)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, "Required.");
            }
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
        else if (trimmed.Any(char.IsControl))
        {
            Add(field, "Must not contain control characters.");
        }
        return trimmed;
    }
}
