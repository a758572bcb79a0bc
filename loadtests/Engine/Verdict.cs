namespace FlashSale.LoadTests.Engine;

/// <summary>How a step ended for the scenario: done, refused the way the shop refuses (sold out, ...), or failed.</summary>
public enum Verdict
{
    Ok,
    Refused,
    Failed,
}
