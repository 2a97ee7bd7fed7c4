-- The evidence timeline of each incident, oldest first. Each revision carries the whole timeline;
-- the key identifies an entry by content, so repeating it in later revisions (or a replay) keeps
-- one row per entry after merges (read with FINAL).
CREATE TABLE IF NOT EXISTS incident_events
(
    incident_id   String,
    time          DateTime64(3, 'UTC'),
    kind          LowCardinality(String),
    service_id    String DEFAULT '',
    component_id  String DEFAULT '',
    revision      UInt64,
    message       String CODEC(ZSTD(3)),
    opened_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(opened_at)
ORDER BY (incident_id, time, kind, service_id, component_id)
SETTINGS non_replicated_deduplication_window = 1000;
