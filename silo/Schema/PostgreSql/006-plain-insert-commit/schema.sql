-- fs_commit in two passes. Nearly every commit only adds: new keys, the next journal rows, new orders. Those go in
-- first as plain inserts: each new row costs one descent of each of its B-trees, where INSERT ... ON CONFLICT costs a
-- look-up and then the insert (the look-up alone was a quarter of the server's samples in a profile of a burst). Only when something
-- is already there (a key taken, a sequence taken or covered by a snapshot, an order placed again) is that pass undone
-- and the commit done the careful way, as before, which names the culprits. The first p_new_orders orders are the
-- batch's new placements; the rest are changes of orders that exist (paid, cancelled, expired).
-- The plans are generic: planning the statements again for each call's arrays cost another tenth of the server's CPU.
CREATE OR REPLACE FUNCTION fs_commit(
    p_shards text[], p_seqs bigint[], p_events bytea[],
    p_keys text[], p_key_orders text[],
    p_order_ids text[], p_customers text[], p_statuses smallint[], p_records bytea[],
    p_new_orders int)
RETURNS TABLE (kind text, id text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    appended bigint;
    reused text[];
    lost text[];
BEGIN
    BEGIN
        INSERT INTO fs_order_keys (key_hash, order_id) SELECT * FROM unnest(p_keys, p_key_orders);
        INSERT INTO fs_journal (shard, seq, events)
        SELECT u.shard, u.seq, u.events FROM unnest(p_shards, p_seqs, p_events) AS u(shard, seq, events)
        WHERE NOT EXISTS (SELECT 1 FROM fs_snapshot s WHERE s.shard = u.shard AND s.seq >= u.seq);
        GET DIAGNOSTICS appended = ROW_COUNT;
        IF appended < cardinality(p_shards) THEN
            RAISE EXCEPTION 'covered sequence' USING ERRCODE = 'FS002';
        END IF;
        INSERT INTO fs_orders (order_id, customer_id, status, record)
        SELECT * FROM unnest(p_order_ids[1:p_new_orders], p_customers[1:p_new_orders], p_statuses[1:p_new_orders], p_records[1:p_new_orders]);
        INSERT INTO fs_orders (order_id, customer_id, status, record)
        SELECT * FROM unnest(p_order_ids[p_new_orders + 1:], p_customers[p_new_orders + 1:], p_statuses[p_new_orders + 1:], p_records[p_new_orders + 1:])
        ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, record = excluded.record;
        RETURN;
    EXCEPTION WHEN unique_violation OR SQLSTATE 'FS002' THEN
        -- Something was already there: nothing of the first pass is kept.
        NULL;
    END;
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
            SELECT u.shard, u.seq, u.events FROM unnest(p_shards, p_seqs, p_events) AS u(shard, seq, events)
            WHERE NOT EXISTS (SELECT 1 FROM fs_snapshot s WHERE s.shard = u.shard AND s.seq >= u.seq)
            ON CONFLICT DO NOTHING RETURNING shard, seq)
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

-- The version before this one (nine arguments) is no longer called.
DROP FUNCTION IF EXISTS fs_commit(text[], bigint[], bytea[], text[], text[], text[], text[], smallint[], bytea[]);
