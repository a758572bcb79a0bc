-- Ids are compared byte by byte: under the database's own collation (e.g. en_US.UTF-8, or even C.UTF-8) every
-- comparison in the keys' B-trees went through the locale's strcoll, which a profile of a burst showed among the
-- server's busiest functions. The ids are ASCII, so nothing is ordered differently in practice.
ALTER TABLE fs_journal ALTER COLUMN shard TYPE varchar(160) COLLATE "C";
ALTER TABLE fs_snapshot ALTER COLUMN shard TYPE varchar(160) COLLATE "C";
ALTER TABLE fs_orders ALTER COLUMN order_id TYPE varchar(160) COLLATE "C",
                      ALTER COLUMN customer_id TYPE varchar(64) COLLATE "C";
ALTER TABLE fs_order_keys ALTER COLUMN key_hash TYPE varchar(40) COLLATE "C",
                          ALTER COLUMN order_id TYPE varchar(160) COLLATE "C";

-- Journal rows of a busy shard and its snapshots are larger than a page and were compressed with pglz, the server's
-- slowest method (8 % of the machine's CPU in that profile). lz4 is several times faster; a server built without it
-- keeps pglz.
DO $$
BEGIN
    ALTER TABLE fs_journal ALTER COLUMN events SET COMPRESSION lz4;
    ALTER TABLE fs_snapshot ALTER COLUMN state SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END
$$;
