namespace FlashSale.LoadTests.Scenarios;

/// <summary>What the candidate is compared with: the naive SQL purchase, Redis + Lua, or a plain ASP.NET Core endpoint.</summary>
public enum BaselineKind
{
    Sql,
    Redis,
    Plain,
}
