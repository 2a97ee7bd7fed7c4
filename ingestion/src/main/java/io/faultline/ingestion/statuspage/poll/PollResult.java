package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of polling one page once.
 *
 * @param observations changes emitted to raw.statuspage
 * @param deadLetters  bodies (or parts of them) sent to the dead-letter topic
 * @param notModified  every endpoint answered 304
 * @param errors       endpoints that could not be read, with the reason (logged, not dead-lettered:
 *                     there are no bytes to keep)
 * @param nextPollIn   when to poll this page again (the interval, or a backoff), before jitter
 * @param backingOff   nextPollIn is a backoff after 429 / 5xx / timeout, not the interval
 */
public record PollResult(String pageId, int observations, int deadLetters, boolean notModified,
                         List<String> errors, Duration nextPollIn, boolean backingOff) {

    public PollResult {
        errors = List.copyOf(errors);
    }
}
