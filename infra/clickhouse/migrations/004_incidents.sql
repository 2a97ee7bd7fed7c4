-- One row per incident revision; ReplacingMergeTree(revision) keeps the highest revision of each
-- incident, so the API reads with FINAL (cheap: incidents are few). The sorting key holds only
-- what never changes across revisions (opened_at, incident_id), otherwise two revisions would
-- never meet in a merge. Listing by time range uses the key; provider / region / service filters
-- use skip indexes. provider and region are derived from the cause component id
-- ('aws/us-east-1' -> provider 'aws', region 'us-east-1').
CREATE TABLE IF NOT EXISTS incidents
(
    incident_id          String,
    revision             UInt64,
    state                LowCardinality(String),
    title                String CODEC(ZSTD(1)),
    cause_component_id   String DEFAULT '',
    cause_name           String DEFAULT '' CODEC(ZSTD(1)),
    cause_kind           LowCardinality(String) DEFAULT '',
    provider             LowCardinality(String) DEFAULT '',
    region               LowCardinality(String) DEFAULT '',
    confidence           Float32,
    p_value              Float64,
    impaired_dependents  UInt32,
    total_dependents     UInt32,
    status_page_agrees   Bool,
    reasons              Array(String) CODEC(ZSTD(3)),
    service_ids          Array(String) CODEC(ZSTD(1)),
    member_count         UInt32,
    active_member_count  UInt32,
    common_attributes    Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    merged_from          Array(String),
    opened_at            DateTime64(3, 'UTC'),
    first_impaired_at    DateTime64(3, 'UTC'),
    resolved_at          Nullable(DateTime64(3, 'UTC')),
    event_time           DateTime64(3, 'UTC'),
    INDEX idx_incident_id incident_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_provider provider TYPE set(256) GRANULARITY 1,
    INDEX idx_region region TYPE set(1024) GRANULARITY 1,
    INDEX idx_services service_ids TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(opened_at)
ORDER BY (opened_at, incident_id)
SETTINGS non_replicated_deduplication_window = 1000;
