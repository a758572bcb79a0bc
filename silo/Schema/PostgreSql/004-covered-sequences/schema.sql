-- A journal sequence that a snapshot covers is taken, like one whose row exists: storing a snapshot deletes the
-- rows it covers, and before this version a stale activation's append at such a sequence found no conflict, was
-- acknowledged, and was never read back (loads start after the snapshot). fs_commit now refuses it too.
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
