package io.faultline.ingestion.statuspage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Lenient timestamp reading for the formats status pages use. Returns null for anything it
 * cannot read: a bad timestamp loses that one time (callers fall back), not the element.
 */
final class Times {

    /**
     * RFC 822 dates as feeds write them. The JDK's RFC_1123 formatter knows only GMT and numeric
     * offsets, but AWS writes "PDT"/"PST", so zone names are parsed with a text-zone pattern.
     */
    private static final List<DateTimeFormatter> RFC822 = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("[EEE, ]d MMM yyyy HH:mm[:ss] z").toFormatter(Locale.US));

    private Times() {
    }

    static Instant parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 12) {
            return Instant.ofEpochSecond(Long.parseLong(t)); // legacy AWS data.json: epoch seconds
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // not ISO with offset; try the feed formats below
        }
        for (DateTimeFormatter f : RFC822) {
            try {
                return ZonedDateTime.parse(t, f).toInstant();
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        return null;
    }

    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
