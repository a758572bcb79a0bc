namespace FlashSale.Identity;

/// <summary>The codes asked for one email address (keyed by the address, lowercase), across every front end.</summary>
[Alias("flashsale.code-requests-grain")]
public interface ICodeRequestsGrain : IGrainWithStringKey
{
    /// <summary>Counts a request for a code; null when one may be sent now, else how long to wait.</summary>
    [Alias("admit")]
    Task<TimeSpan?> Admit(CodeRequestLimits limits);
}
