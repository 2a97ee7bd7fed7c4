-- Members of each incident, latest revision wins. The incident page reads one incident's
-- members (incident_id leads the key); the blast-radius query reads a provider's members over
-- time (skip index on provider; the joins-per-minute rollup in 007 serves dashboards).
CREATE TABLE IF NOT EXISTS incident_members
(
    incident_id   String,
    service_id    String,
    revision      UInt64,
    service_name  String CODEC(ZSTD(1)),
    state         LowCardinality(String),
    joined_at     DateTime64(3, 'UTC'),
    left_at       Nullable(DateTime64(3, 'UTC')),
    region        LowCardinality(String) DEFAULT '',
    provider      LowCardinality(String) DEFAULT '',
    opened_at     DateTime64(3, 'UTC'),
    INDEX idx_provider provider TYPE set(256) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(opened_at)
ORDER BY (incident_id, service_id)
SETTINGS non_replicated_deduplication_window = 1000;
