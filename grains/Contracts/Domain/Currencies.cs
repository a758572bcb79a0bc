namespace FlashSale.Domain;

/// <summary>ISO 4217 currencies in circulation and their minor digits (JPY 0, BRL 2, KWD 3).</summary>
public static class Currencies
{
    private static readonly string[] ZeroDigits =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly string[] ThreeDigits = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly string[] FourDigits = ["CLF", "UYW"];

    private static readonly string[] TwoDigits =
    [
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND",
        "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CNY", "COP", "CRC", "CUP", "CVE", "CZK",
        "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK",
        "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
        "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
        "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "VED", "WST",
        "XCD", "YER", "ZAR", "ZMW", "ZWG",
    ];

    private static readonly Dictionary<string, int> MinorDigitsByCode = Build();

    /// <summary>Every known code, sorted.</summary>
    public static IEnumerable<string> All => MinorDigitsByCode.Keys.Order(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && MinorDigitsByCode.ContainsKey(code);

    /// <summary>Digits after the decimal point for amounts in <paramref name="code"/>.</summary>
    public static int MinorDigits(string code) =>
        MinorDigitsByCode.TryGetValue(code, out var digits)
            ? digits
            : throw new ArgumentException($"'{code}' is not an ISO 4217 currency this store knows.", nameof(code));

    private static Dictionary<string, int> Build()
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (codes, digits) in new[] { (ZeroDigits, 0), (TwoDigits, 2), (ThreeDigits, 3), (FourDigits, 4) })
        {
            foreach (var code in codes)
            {
                table.Add(code, digits);
            }
        }
        return table;
    }
}
