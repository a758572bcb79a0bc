namespace FlashSale.LoadTests.Engine;

/// <summary>
/// A step of a scenario and the refusals that are correct answers for it (e.g. "sold-out" once stock runs out; for the
/// overload, also the 503 "overloaded" a front end past its limit answers with Retry-After).
/// </summary>
public sealed record StepSpec(string Name, params string[] ExpectedRefusals)
{
    public Verdict Judge(Answer answer) =>
        answer.Success ? Verdict.Ok
        : answer.Problem is { } problem && answer.Status is >= 400 and < 600 && ExpectedRefusals.Contains(problem) ? Verdict.Refused
        : Verdict.Failed;
}
