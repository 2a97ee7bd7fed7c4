package io.faultline.ingestion.social.stream;

/** One X filtered-stream rule: its query text and the tag X echoes in {@code matching_rules}. */
public record XRule(String value, String tag) {
}
