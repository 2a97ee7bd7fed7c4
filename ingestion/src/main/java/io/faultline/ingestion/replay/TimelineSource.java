package io.faultline.ingestion.replay;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
        Iterator<RawEvent> all = generator.events();
        return new Iterator<>() {
            private RawEvent next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done && all.hasNext()) {
                    RawEvent e = all.next();
                    if (options.contains(e.eventTime())) {
                        next = e;
                    } else if (options.to() != null && !e.eventTime().isBefore(options.to())) {
                        done = true;
                    }
                }
                return next != null;
            }

            @Override
            public RawEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RawEvent e = next;
                next = null;
                return e;
            }
        };
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
