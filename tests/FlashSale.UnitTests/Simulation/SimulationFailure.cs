namespace FlashSale.UnitTests.Simulation;

/// <summary>An invariant broken at a step of a seed's schedule; the message says how to replay it.</summary>
public sealed class SimulationFailure(int seed, int step, string message, IEnumerable<string> trace)
    : Exception($"Ledger simulation, seed {seed}, step {step}: {message}\nReplay exactly: FLASHSALE_SIM_SEED={seed} bash tests/run.sh --filter-class \"*.LedgerSimulationTests\"\nLast steps:\n  {string.Join("\n  ", trace)}")
{
    public int Seed => seed;
    public int Step => step;
}
