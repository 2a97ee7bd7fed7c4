-- Service health changes (the service-health topic: changes only). GET
-- /api/v1/services/{id}/health reads one service over a time range: service_id leads the key.
-- row_id is deterministic (service id + event time + state), so a replayed change replaces itself.
CREATE TABLE IF NOT EXISTS service_health
(
    row_id          UInt64,
    service_id      LowCardinality(String),
    state           LowCardinality(String),
    previous_state  LowCardinality(String),
    confidence      Float32 CODEC(Gorilla, ZSTD(1)),
    since           DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    region          LowCardinality(String) DEFAULT '',
    -- evidence as parallel arrays (one element per piece of evidence): plain arrays bind and
    -- compress better than an Array(Tuple) and read back without tuple decoding
    evidence_source Array(LowCardinality(String)),
    evidence_detail Array(String) CODEC(ZSTD(3)),
    evidence_time   Array(DateTime64(3, 'UTC')) CODEC(ZSTD(1)),
    evidence_weight Array(Float32),
    event_time      DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (service_id, event_time, row_id)
SETTINGS non_replicated_deduplication_window = 1000;
