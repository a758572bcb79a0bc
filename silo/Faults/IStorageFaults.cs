namespace FlashSale.Silo.Faults;

/// <summary>Decides which storage writes fail on purpose (rehearsals); the faulty storage and journal ask it per write.</summary>
public interface IStorageFaults
{
    /// <summary>Writes failed before reaching the database: nothing was stored.</summary>
    long BeforeCommit { get; }

    /// <summary>Writes that committed and then failed: stored, but the grain was told otherwise.</summary>
    long AfterCommit { get; }

    /// <summary>Where the next write fails, if it does.</summary>
    FaultPoint Next();
}
