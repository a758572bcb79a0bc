namespace FlashSale.LoadTests.Targets;

/// <summary>A place in a sale's waiting room as the platform gave it (202): shoppers ahead, the wait it estimated, the ticket, the turn.</summary>
public sealed record LinePlace(long Position, int EstimatedWaitSeconds, string Ticket, DateTimeOffset AdmitAt);
