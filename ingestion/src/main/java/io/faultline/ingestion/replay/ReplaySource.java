package io.faultline.ingestion.replay;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import io.faultline.avro.DeadLetter;
import io.faultline.ingestion.DeadLetters;
import io.faultline.ingestion.Rejected;

/**
 * Raw events to replay, oldest first. What cannot be read (a corrupt archive line, a bad RIPE
 * Atlas element, an unreadable snapshot) is collected as {@link Rejected} while iterating and
 * never stops the events around it.
 *
 * <p>Open one with {@link #open(Path, ReplayOptions)}, which recognises an archive (see
 * docs/replay-archive.md), a {@code replays/<id>} folder (generated from its timeline.yaml), RIPE
 * Atlas connection events or results, and a folder of Statuspage v2 snapshots.
 */
public interface ReplaySource extends Closeable {

    /** The events in non-decreasing event time; single use. */
    Iterator<RawEvent> events();

    /** One line saying what is replayed, for progress output. */
    String description();

    /** What could not be read so far (complete once {@link #events()} is exhausted). */
    List<Rejected> rejected();

    /** {@link #rejected()} as DeadLetter records for the dead-letter topic, stamped {@code at}. */
    default List<DeadLetter> deadLetters(Instant at) {
        return rejected().stream().map(r -> DeadLetters.of(r, at)).toList();
    }

    /** Detects what {@code path} is and opens it; fails naming the path and the accepted kinds. */
    static ReplaySource open(Path path, ReplayOptions options) {
        return ReplaySources.open(path, options);
    }
}
