namespace FlashSale.UnitTests.Simulation;

/// <summary>A storage failure the simulation injected: the caller cannot tell whether the write happened.</summary>
public sealed class SimulatedStorageException(string message) : Exception(message);
