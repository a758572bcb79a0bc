namespace FlashSale.Silo.Storage;

/// <summary>One step of our schema: DDL plus the query texts Orleans' ADO.NET providers read from OrleansQuery.</summary>
public sealed record SchemaVersion(int Number, string Name, string Ddl, IReadOnlyDictionary<string, string> Queries);
