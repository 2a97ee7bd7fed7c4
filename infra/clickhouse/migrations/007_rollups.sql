-- Rollups for dashboards, filled by materialized views on insert. uniq* states make them
-- insensitive to the same member arriving again in a later revision or a replay.

-- Services joining incidents, per provider / region / minute (blast radius panels).
CREATE TABLE IF NOT EXISTS provider_impact_1m
(
    provider   LowCardinality(String),
    region     LowCardinality(String),
    minute     DateTime('UTC'),
    services   AggregateFunction(uniq, String),
    incidents  AggregateFunction(uniq, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (provider, region, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS provider_impact_1m_mv TO provider_impact_1m AS
SELECT provider, region, toStartOfMinute(joined_at) AS minute,
       uniqState(service_id) AS services, uniqState(incident_id) AS incidents
FROM incident_members
GROUP BY provider, region, minute;

-- Health changes per service, state and hour (service history panels).
CREATE TABLE IF NOT EXISTS service_health_1h
(
    service_id  LowCardinality(String),
    state       LowCardinality(String),
    hour        DateTime('UTC'),
    changes     AggregateFunction(uniq, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (service_id, state, hour);

CREATE MATERIALIZED VIEW IF NOT EXISTS service_health_1h_mv TO service_health_1h AS
SELECT service_id, state, toStartOfHour(event_time) AS hour, uniqState(row_id) AS changes
FROM service_health
GROUP BY service_id, state, hour;

-- Signals per source and minute, with the ingestion lag (received minus event time), for the
-- pipeline-health dashboard.
CREATE TABLE IF NOT EXISTS signals_1m
(
    source     LowCardinality(String),
    minute     DateTime('UTC'),
    signals    AggregateFunction(uniq, String),
    lag_ms     AggregateFunction(quantiles(0.5, 0.99), Int64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (source, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS signals_1m_mv TO signals_1m AS
SELECT source, toStartOfMinute(observed_at) AS minute, uniqState(signal_id) AS signals,
       quantilesState(0.5, 0.99)(toInt64(dateDiff('millisecond', event_time, observed_at))) AS lag_ms
FROM signals
GROUP BY source, minute;
