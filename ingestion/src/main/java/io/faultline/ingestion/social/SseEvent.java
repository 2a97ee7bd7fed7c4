package io.faultline.ingestion.social;

/**
 * One server-sent event.
 *
 * @param event     the {@code event:} field, {@code "message"} when absent (as the SSE spec says)
 * @param data      the {@code data:} lines joined with {@code \n}
 * @param id        the last {@code id:} seen, or null
 * @param firstLine 1-based line number where the event started, for error context
 */
public record SseEvent(String event, String data, String id, int firstLine) {
}
