package io.faultline.ingestion;

import java.util.Map;

/**
 * An input an adapter could not turn into a record, kept whole with the reason. Becomes a
 * DeadLetter on the dead-letter topic ({@link DeadLetters}); nothing is dropped silently.
 *
 * @param source    adapter that rejected it, e.g. {@code ingest.statuspage}
 * @param errorType machine-readable class, e.g. {@code PARSE_ERROR}, {@code MISSING_FIELD}, {@code TOO_LARGE}
 * @param reason    human-readable reason, naming the field or position where possible
 * @param payload   the raw bytes as received
 * @param context   where it came from: URL, file, line number …
 */
public record Rejected(String source, String errorType, String reason, byte[] payload, Map<String, String> context) {

    public Rejected {
        context = Map.copyOf(context);
    }
}
