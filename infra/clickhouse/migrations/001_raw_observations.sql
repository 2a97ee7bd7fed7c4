-- Raw observations as they arrived (status pages, social posts, probes), kept for 30 days so an
-- outage can be re-examined or re-replayed. Daily partitions let the TTL drop whole parts
-- (ttl_only_drop_parts) instead of rewriting them. The payload is the JSON rendering of the
-- Avro record; it compresses well with ZSTD.
CREATE TABLE IF NOT EXISTS raw_observations
(
    row_id        UInt64 COMMENT 'deterministic id (hash of source + record key + event time): a replayed row replaces itself',
    source        LowCardinality(String),
    record_key    String CODEC(ZSTD(1)),
    entity_hint   LowCardinality(String) DEFAULT '' COMMENT 'page id / account / probe target, whatever names the subject',
    event_time    DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    received_at   DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    payload       String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMMDD(event_time)
ORDER BY (source, event_time, row_id)
TTL toDateTime(event_time) + INTERVAL 30 DAY DELETE
SETTINGS ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;
