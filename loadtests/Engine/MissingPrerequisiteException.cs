namespace FlashSale.LoadTests.Engine;

/// <summary>Something the run needs is not on this machine (a program to install): the tool stops with exit code 1 and says what to do.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);
