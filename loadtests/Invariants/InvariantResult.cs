namespace FlashSale.LoadTests.Invariants;

public sealed record InvariantResult(string Name, bool Holds, string Detail);
