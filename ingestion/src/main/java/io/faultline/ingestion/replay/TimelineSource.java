package io.faultline.ingestion.replay;

import java.util.Iterator;
import java.util.List;

import io.faultline.ingestion.Rejected;

/**
 * A {@code replays/<id>} folder: events generated from its timeline.yaml, cut to the options' window.
 *
 * @param generator the folder's timeline, loaded against its catalog
 * @param options   the window (and clock) the replay is read with
 */
public record TimelineSource(TimelineReplayGenerator generator, ReplayOptions options) implements ReplaySource {

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
