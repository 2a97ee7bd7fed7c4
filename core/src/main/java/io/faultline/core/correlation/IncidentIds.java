package io.faultline.core.correlation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Incident ids derived from the first cause and the opening tick only, so a streaming run and a
 * batch replay of the same events name their incidents identically. Readable and URL-safe:
 * {@code aws-us-east-1-20211207T153300Z-5f3a1c}; the short hash of the exact cause id keeps two ids
 * apart when two cause ids slug to the same text.
 */
public final class IncidentIds {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private IncidentIds() {
    }

    public static String of(String causeId, long openedAt) {
        String slug = causeId == null ? "unknown" : causeId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        long hash = fnv1a64((causeId == null ? "" : causeId) + "@" + openedAt);
        return slug + "-" + TIME.format(Instant.ofEpochMilli(openedAt)) + "-" + String.format(Locale.ROOT, "%06x", hash & 0xffffffL);
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
