package io.faultline.ingestion.replay;

import java.util.Iterator;
import java.util.List;

import io.faultline.ingestion.Rejected;

/** A {@code replays/<id>} folder: events generated from its timeline.yaml, cut to the options' window. */
public final class TimelineSource implements ReplaySource {

    private final TimelineReplayGenerator generator;
    private final ReplayOptions options;

    public TimelineSource(TimelineReplayGenerator generator, ReplayOptions options) {
        this.generator = generator;
        this.options = options;
    }

    public TimelineReplayGenerator generator() {
        return generator;
    }

    @Override
    public Iterator<RawEvent> events() {
        return Lookahead.window(options, generator.events());
    }

    @Override
    public String description() {
        GenerationReport r = generator.report();
        return "RECONSTRUCTED replay " + r.replayId() + " generated from timeline.yaml (" + r.total() + " events, "
                + generator.windowStart() + " .. " + generator.windowEnd() + ")";
    }

    /** Generation never rejects anything: a bad timeline fails when it is loaded. */
    @Override
    public List<Rejected> rejected() {
        return List.of();
    }

    @Override
    public void close() {
        // nothing held open
    }
}
