package io.faultline.ingestion.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import io.faultline.ingestion.Rejected;

/**
 * Events read whole into memory (RIPE Atlas files, snapshot folders), sorted stably by event time
 * because those inputs are not guaranteed to be in order. Bounded by the input's size.
 */
final class EventListSource implements ReplaySource {

    private final List<RawEvent> events;
    private final List<Rejected> rejected;
    private final String description;
    private boolean used;

    EventListSource(List<RawEvent> events, List<Rejected> rejected, String description, ReplayOptions options) {
        List<RawEvent> sorted = new ArrayList<>(events.stream().filter(e -> options.contains(e.eventTime())).toList());
        sorted.sort(Comparator.comparing(RawEvent::eventTime));
        this.events = sorted;
        this.rejected = List.copyOf(rejected);
        this.description = description;
    }

    @Override
    public Iterator<RawEvent> events() {
        if (used) {
            throw new IllegalStateException("events() is single use");
        }
        used = true;
        return events.iterator();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Rejected> rejected() {
        return rejected;
    }

    @Override
    public void close() {
        // nothing held open
    }
}
