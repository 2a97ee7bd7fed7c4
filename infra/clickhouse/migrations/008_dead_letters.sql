-- Dead letters (the dlq topic) and their rate per source and error type, for the pipeline-health
-- dashboard. Raw bytes are kept base64-encoded for 30 days.
CREATE TABLE IF NOT EXISTS dead_letters
(
    row_id       UInt64,
    source       LowCardinality(String),
    error_type   LowCardinality(String),
    reason       String CODEC(ZSTD(3)),
    payload_b64  String CODEC(ZSTD(3)),
    event_time   DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMMDD(event_time)
ORDER BY (source, event_time, row_id)
TTL toDateTime(event_time) + INTERVAL 30 DAY DELETE
SETTINGS ttl_only_drop_parts = 1, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS dead_letters_1m
(
    source   LowCardinality(String),
    error_type  LowCardinality(String),
    minute   DateTime('UTC'),
    letters  AggregateFunction(uniq, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (source, error_type, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS dead_letters_1m_mv TO dead_letters_1m AS
SELECT source, error_type, toStartOfMinute(event_time) AS minute, uniqState(row_id) AS letters
FROM dead_letters
GROUP BY source, error_type, minute;
