-- Stock shards: one journal row per group commit (the batch's events), keyed (shard, sequence) so that a
-- stale activation's append finds its sequence taken and reloads; snapshots now and then; orders as rows,
-- written in the same transaction as the journal row that made them.
CREATE TABLE IF NOT EXISTS fs_journal
(
    shard varchar(160) NOT NULL,
    seq bigint NOT NULL,
    events bytea NOT NULL,
    PRIMARY KEY (shard, seq)
);

CREATE TABLE IF NOT EXISTS fs_snapshot
(
    shard varchar(160) NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    state bytea NOT NULL
);

CREATE TABLE IF NOT EXISTS fs_orders
(
    order_id varchar(160) NOT NULL PRIMARY KEY,
    customer_id varchar(64) NOT NULL,
    status smallint NOT NULL,
    record bytea NOT NULL
);

CREATE INDEX IF NOT EXISTS fs_orders_customer ON fs_orders (customer_id);

-- Which order each Idempotency-Key placed (by the key's hash, which names the customer too): a key can
-- place one order, never a second one for another item, however long ago the first was placed.
CREATE TABLE IF NOT EXISTS fs_order_keys
(
    key_hash varchar(40) NOT NULL PRIMARY KEY,
    order_id varchar(160) NOT NULL
);

-- One shared commit of the stock shards in one round trip: claim the new orders' keys, append the journal rows,
-- upsert the orders. When a key already placed another order, or a (shard, sequence) is taken by another
-- activation, nothing of the commit is kept and the culprits are returned ('key', order id / 'shard', shard),
-- so the others can go again at once. An empty answer means everything committed.
CREATE OR REPLACE FUNCTION fs_commit(
    p_shards text[], p_seqs bigint[], p_events bytea[],
    p_keys text[], p_key_orders text[],
    p_order_ids text[], p_customers text[], p_statuses smallint[], p_records bytea[])
RETURNS TABLE (kind text, id text)
LANGUAGE plpgsql AS $$
DECLARE
    reused text[];
    lost text[];
BEGIN
    BEGIN
        WITH claimed AS (
            INSERT INTO fs_order_keys (key_hash, order_id)
            SELECT * FROM unnest(p_keys, p_key_orders) ON CONFLICT DO NOTHING RETURNING key_hash)
        SELECT array_agg(u.order_id) INTO reused
        FROM unnest(p_keys, p_key_orders) AS u(key_hash, order_id)
        WHERE u.key_hash NOT IN (SELECT c.key_hash FROM claimed c)
          AND NOT EXISTS (SELECT 1 FROM fs_order_keys k WHERE k.key_hash = u.key_hash AND k.order_id = u.order_id);

        WITH written AS (
            INSERT INTO fs_journal (shard, seq, events)
            SELECT * FROM unnest(p_shards, p_seqs, p_events) ON CONFLICT DO NOTHING RETURNING shard, seq)
        SELECT array_agg(u.shard) INTO lost
        FROM unnest(p_shards, p_seqs) AS u(shard, seq)
        WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.shard = u.shard AND w.seq = u.seq);

        IF reused IS NOT NULL OR lost IS NOT NULL THEN
            RAISE EXCEPTION 'refused appends' USING ERRCODE = 'FS001';
        END IF;

        INSERT INTO fs_orders (order_id, customer_id, status, record)
        SELECT * FROM unnest(p_order_ids, p_customers, p_statuses, p_records)
        ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, record = excluded.record;
    EXCEPTION WHEN SQLSTATE 'FS001' THEN
        -- Everything this block wrote is undone; the culprits are answered below.
        NULL;
    END;
    RETURN QUERY
        SELECT 'key'::text, r FROM unnest(coalesce(reused, '{}'::text[])) AS r
        UNION ALL
        SELECT 'shard'::text, l FROM unnest(coalesce(lost, '{}'::text[])) AS l;
END
$$;
