-- Orleans' ADO.NET provider reads every query text from here at start-up.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- Grain state. A record is the state name (GrainTypeString) plus the grain key; the extension
-- string is stored as '' rather than NULL so the UNIQUE key below covers string-keyed grains too:
-- two concurrent first writes of one grain cannot both insert.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash INTEGER NOT NULL,
    GrainIdN0 INTEGER NOT NULL,
    GrainIdN1 INTEGER NOT NULL,
    GrainTypeHash INTEGER NOT NULL,
    GrainTypeString varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL,
    ServiceId varchar(150) NOT NULL,
    PayloadBinary BLOB NULL,
    ModifiedOn TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    Version INTEGER NOT NULL,
    CONSTRAINT OrleansStorage_GrainIdentity UNIQUE
        (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId)
);
