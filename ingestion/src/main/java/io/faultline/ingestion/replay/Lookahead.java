package io.faultline.ingestion.replay;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator over elements computed one at a time by {@link #advance()}, so a lazy source (lines
 * of a file, a window of another iterator) writes only how to find the next element, not the
 * hasNext / next bookkeeping.
 */
abstract class Lookahead<T> implements Iterator<T> {

    private T next;
    private boolean ended;

    /** The next element, or null when there are no more; not called again after it returned null. */
    protected abstract T advance();

    @Override
    public final boolean hasNext() {
        if (next == null && !ended) {
            next = advance();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T e = next;
        next = null;
        return e;
    }

    /**
     * The events of {@code ordered} (in event-time order) that fall in the options' window; reading
     * stops at the first event at or after its end, since nothing later can be inside it.
     */
    static Iterator<RawEvent> window(ReplayOptions options, Iterator<RawEvent> ordered) {
        return new Lookahead<>() {
            @Override
            protected RawEvent advance() {
                while (ordered.hasNext()) {
                    RawEvent e = ordered.next();
                    if (options.contains(e.eventTime())) {
                        return e;
                    }
                    if (options.to() != null && !e.eventTime().isBefore(options.to())) {
                        return null;
                    }
                }
                return null;
            }
        };
    }
}
