namespace FlashSale.Silo.Faults;

/// <summary>Where an injected storage fault strikes.</summary>
public enum FaultPoint
{
    None,
    BeforeCommit,
    AfterCommit,
}
