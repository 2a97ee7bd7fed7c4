package io.faultline.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the streams topology counts, fed from peek steps in the topology:
 * <ul>
 *   <li>{@code faultline_records_in_total{stage,topic}}: records read by a stage;</li>
 *   <li>{@code faultline_records_out_total{stage,topic}}: records written by a stage;</li>
 *   <li>{@code faultline_dead_letters_total{stage,reason}}: records sent to the dead-letter topic,
 *       by the dead letter's error type (EMPTY, INVALID, SCHEMA ...).</li>
 * </ul>
 * Stages are {@code normalise} (raw.* to signals) and {@code health} (signals to service-health).
 * Counts are of records processed: under exactly-once a task that fails and is redone counts its
 * uncommitted records again, so the counters can run slightly ahead of the topics.
 */
public final class PipelineMeters {

    /** Counts nothing (tests, tools that run the topology without metrics). */
    public static final PipelineMeters NONE = new PipelineMeters(null);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public static PipelineMeters of(MeterRegistry registry) {
        return new PipelineMeters(java.util.Objects.requireNonNull(registry, "registry"));
    }

    public void in(String stage, String topic) {
        count("faultline.records.in", "Records read by a pipeline stage", "stage", stage, "topic", topic);
    }

    public void out(String stage, String topic) {
        count("faultline.records.out", "Records written by a pipeline stage", "stage", stage, "topic", topic);
    }

    public void deadLetter(String stage, String reason) {
        count("faultline.dead.letters", "Records sent to the dead-letter topic, by reason", "stage", stage,
                "reason", reason == null || reason.isBlank() ? "UNKNOWN" : reason);
    }

    private void count(String name, String description, String k1, String v1, String k2, String v2) {
        if (registry == null) {
            return;
        }
        counters.computeIfAbsent(name + '\u0000' + v1 + '\u0000' + v2, k -> Counter.builder(name)
                .description(description).tag(k1, v1).tag(k2, v2).register(registry)).increment();
    }
}
