-- Stock shards: one journal row per group commit (the batch's events), keyed (shard, sequence) so that a
-- stale activation's append finds its sequence taken and reloads; snapshots now and then; orders as rows,
-- written in the same transaction as the journal row that made them.
CREATE TABLE IF NOT EXISTS fs_journal
(
    shard varchar(160) NOT NULL,
    seq INTEGER NOT NULL,
    events BLOB NOT NULL,
    PRIMARY KEY (shard, seq)
);

CREATE TABLE IF NOT EXISTS fs_snapshot
(
    shard varchar(160) NOT NULL PRIMARY KEY,
    seq INTEGER NOT NULL,
    state BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS fs_orders
(
    order_id varchar(160) NOT NULL PRIMARY KEY,
    customer_id varchar(64) NOT NULL,
    status INTEGER NOT NULL,
    record BLOB NOT NULL
);

CREATE INDEX IF NOT EXISTS fs_orders_customer ON fs_orders (customer_id);

-- Which order each Idempotency-Key placed (by the key's hash, which names the customer too): a key can
-- place one order, never a second one for another item, however long ago the first was placed.
CREATE TABLE IF NOT EXISTS fs_order_keys
(
    key_hash varchar(40) NOT NULL PRIMARY KEY,
    order_id varchar(160) NOT NULL
);
