-- Normalised signals, one per raw record and entity. The API and dashboards read them by entity
-- over a time range, so the entity leads the sorting key. signal_id is the natural de-duplication
-- key: ReplacingMergeTree collapses a replayed signal at merge time (read with FINAL to be exact).
CREATE TABLE IF NOT EXISTS signals
(
    signal_id       String,
    entity_id       LowCardinality(String),
    source          LowCardinality(String),
    observed_state  LowCardinality(String),
    strength        Float32 CODEC(Gorilla, ZSTD(1)),
    region          LowCardinality(String) DEFAULT '',
    vantage         String DEFAULT '' CODEC(ZSTD(1)),
    vantage_asn     UInt32 DEFAULT 0,
    detail          String DEFAULT '' CODEC(ZSTD(3)),
    raw_ref         String DEFAULT '' CODEC(ZSTD(1)),
    event_time      DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    observed_at     DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (entity_id, event_time, signal_id)
TTL toDateTime(event_time) + INTERVAL 400 DAY DELETE
SETTINGS non_replicated_deduplication_window = 1000;
