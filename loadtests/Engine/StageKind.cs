namespace FlashSale.LoadTests.Engine;

/// <summary>Ramp: move linearly from the previous level to the target; hold: stay at it; spike: jump to it at once.</summary>
public enum StageKind
{
    Ramp,
    Hold,
    Spike,
}
