package io.faultline.ingestion.replay;

import io.faultline.ingestion.probe.NetworkTagger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * How to read a replay source.
 *
 * @param from       first event time kept (inclusive), or null for the start
 * @param to         event time where the replay stops (exclusive), or null for the end
 * @param catalogDir the catalog a timeline is generated against; null = {@code catalog/} two levels
 *                   above a {@code replays/<id>} folder, else {@code ./catalog}
 * @param clock      wall clock for {@code observedAt} of records parsed from files (RIPE Atlas,
 *                   snapshots) and for dead-letter times; generated and archived records keep theirs
 * @param tagger     fills in the network (ASN, organisation, country) of RIPE Atlas connection events
 *                   read from files, from the ASN data; {@link NetworkTagger#NONE} leaves them as they are
 */
public record ReplayOptions(Instant from, Instant to, Path catalogDir, Clock clock, NetworkTagger tagger) {

    public ReplayOptions {
        Objects.requireNonNull(clock, "clock");
        tagger = tagger == null ? NetworkTagger.NONE : tagger;
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    public static ReplayOptions defaults() {
        return new ReplayOptions(null, null, null, Clock.systemUTC(), NetworkTagger.NONE);
    }

    public ReplayOptions withWindow(Instant newFrom, Instant newTo) {
        return new ReplayOptions(newFrom, newTo, catalogDir, clock, tagger);
    }

    public ReplayOptions withCatalogDir(Path dir) {
        return new ReplayOptions(from, to, dir, clock, tagger);
    }

    public ReplayOptions withClock(Clock c) {
        return new ReplayOptions(from, to, catalogDir, c, tagger);
    }

    public ReplayOptions withTagger(NetworkTagger t) {
        return new ReplayOptions(from, to, catalogDir, clock, t);
    }

    /** Whether {@code t} falls in {@code [from, to)}. */
    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
