package io.faultline.app.run;

import io.faultline.flink.clickhouse.ClickHouseSinkConfig;
import io.faultline.flink.correlation.CorrelationKafkaJob;
import io.faultline.schemas.Topics;
import io.faultline.app.DurationConverter;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The typed, validated settings of {@code faultline run correlation}; a bad one fails naming the option. */
record CorrelationRunSettings(String bootstrapServers, String registryUrl, boolean autoRegister, Topics topics,
                              String flink, int parallelism, Duration checkpointInterval, Duration maxOutOfOrderness,
                              Duration idleInput, Duration quietInput, Duration drainAfter, boolean batch,
                              CorrelationKafkaJob.Range range,
                              Optional<ClickHouseSinkConfig> clickHouse) {

    /** Without ClickHouse. */
    static CorrelationRunSettings parse(String bootstrapServers, String registryUrl, boolean autoRegister, String topicPrefix,
                                        String flink, int parallelism, String checkpointInterval, String maxOutOfOrderness,
                                        String idleInput, String quietInput, String drainAfter, boolean batch, String from,
                                        String to) {
        return parse(bootstrapServers, registryUrl, autoRegister, topicPrefix, flink, parallelism, checkpointInterval,
                maxOutOfOrderness, idleInput, quietInput, drainAfter, batch, from, to, Optional.empty());
    }

    /** {@code clickHouse}: the validated --clickhouse-* options ({@link ClickHouseSinkOptions}), empty for none. */
    static CorrelationRunSettings parse(String bootstrapServers, String registryUrl, boolean autoRegister, String topicPrefix,
                                        String flink, int parallelism, String checkpointInterval, String maxOutOfOrderness,
                                        String idleInput, String quietInput, String drainAfter, boolean batch, String from,
                                        String to, Optional<ClickHouseSinkConfig> clickHouse) {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "--bootstrap-servers", "host:port[,host:port]");
        require(registryUrl != null && registryUrl.matches("https?://.+"), "--registry-url", "an http(s) URL");
        require("local".equals(flink) || flink.matches("[^:]+:\\d{1,5}"), "--flink", "'local' or host:port");
        require(parallelism >= 1, "--parallelism", "a positive integer");
        Topics topics;
        try {
            topics = Topics.withPrefix(topicPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--topic-prefix: " + e.getMessage());
        }
        Instant start = from == null ? null : instant("--from", from);
        Instant end = to == null ? null : instant("--to", to);
        require(!batch || end != null, "--to", "an ISO instant, required with --batch");
        require(batch || end == null, "--to", "only with --batch (a live run has no end)");
        require(start == null || end == null || start.isBefore(end), "--from", "an instant before --to");
        return new CorrelationRunSettings(bootstrapServers, registryUrl, autoRegister, topics, flink, parallelism,
                duration("--checkpoint-interval", checkpointInterval, false), duration("--max-out-of-orderness", maxOutOfOrderness, true),
                duration("--idle-input", idleInput, false), duration("--quiet-input", quietInput, true),
                duration("--drain-after", drainAfter, true), batch, new CorrelationKafkaJob.Range(start, end), clickHouse);
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "': accepted values are ISO-8601 instants, e.g. 2021-12-07T15:00:00Z");
        }
    }

    private static Duration duration(String option, String value, boolean zeroAllowed) {
        Duration d;
        try {
            d = DurationConverter.parse(value);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
        require(zeroAllowed ? !d.isNegative() : d.compareTo(Duration.ZERO) > 0, option,
                zeroAllowed ? "a duration of zero or more" : "a positive duration");
        return d;
    }

    private static void require(boolean ok, String option, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": accepted values are " + accepted);
        }
    }
}
