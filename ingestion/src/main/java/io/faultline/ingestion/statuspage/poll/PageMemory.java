package io.faultline.ingestion.statuspage.poll;

import io.faultline.ingestion.statuspage.PageSnapshot;
import java.util.Map;

/**
 * What the poller remembers of one page between polls.
 *
 * @param snapshot   the change detector's state (null before the first successful read)
 * @param validators cache validators per endpoint URL; an endpoint is in the map once its body was
 *                   read, even when the server sent no validators
 * @param failures   consecutive retryable failures, for the backoff (not persisted: a restart starts afresh)
 */
public record PageMemory(PageSnapshot snapshot, Map<String, Validators> validators, int failures) {

    public static final PageMemory EMPTY = new PageMemory(null, Map.of(), 0);

    public PageMemory {
        validators = Map.copyOf(validators);
    }

    public PageMemory withFailures(int n) {
        return new PageMemory(snapshot, validators, n);
    }
}
