namespace FlashSale.LoadTests.Engine;

/// <summary>The command line asked for something the tool cannot do; the message says what to write instead.</summary>
public sealed class UsageException(string message) : Exception(message);
