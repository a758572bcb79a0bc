namespace FlashSale.Identity;

[GenerateSerializer, Alias("flashsale.code-requests-state")]
public sealed class CodeRequestsState
{
    [Id(0)]
    public CodeRequests Requests { get; set; } = CodeRequests.None;
}
