package io.faultline.app.ingest;

import io.faultline.ingestion.statuspage.poll.PollResult;
import io.faultline.schemas.Topics;
import io.faultline.streams.PipelineMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What status-page polling counts, from each poll's result:
 * {@code faultline_statuspage_polls_total{outcome}} (changed, unchanged, not_modified, error),
 * {@code faultline_statuspage_poll_errors_total} (endpoints that could not be read; a page has one or more),
 * {@code faultline_statuspage_not_modified_total} (polls answered 304 on every endpoint),
 * {@code faultline_statuspage_backoffs_total} (polls that ended in a backoff after 429 / 5xx / timeout),
 * and the pipeline's {@code faultline_records_out_total} / {@code faultline_dead_letters_total} for stage
 * {@code ingest-statuspages}.
 */
final class StatusPageMeters {

    static final String STAGE = "ingest-statuspages";

    private final MeterRegistry registry;
    private final PipelineMeters pipeline;
    private final String topic;
    private final Counter errors;
    private final Counter notModified;
    private final Counter backoffs;

    StatusPageMeters(MeterRegistry registry, Topics topics) {
        this.registry = registry;
        this.pipeline = PipelineMeters.of(registry);
        this.topic = topics.rawStatusPage.name();
        this.errors = Counter.builder("faultline.statuspage.poll.errors")
                .description("Status-page endpoints that could not be read (network, HTTP error, timeout)").register(registry);
        this.notModified = Counter.builder("faultline.statuspage.not.modified")
                .description("Status-page polls answered 304 Not Modified on every endpoint").register(registry);
        this.backoffs = Counter.builder("faultline.statuspage.backoffs")
                .description("Status-page polls that ended in a backoff (429, 5xx, timeout)").register(registry);
    }

    void record(PollResult r) {
        String outcome = !r.errors().isEmpty() ? "error" : r.notModified() ? "not_modified"
                : r.observations() > 0 ? "changed" : "unchanged";
        Counter.builder("faultline.statuspage.polls").description("Status-page polls by outcome")
                .tag("outcome", outcome).register(registry).increment();
        errors.increment(r.errors().size());
        if (r.notModified()) {
            notModified.increment();
        }
        if (r.backingOff()) {
            backoffs.increment();
        }
        for (int i = 0; i < r.observations(); i++) {
            pipeline.out(STAGE, topic);
        }
        for (int i = 0; i < r.deadLetters(); i++) {
            pipeline.deadLetter(STAGE, "UNREADABLE_BODY");
        }
    }
}
