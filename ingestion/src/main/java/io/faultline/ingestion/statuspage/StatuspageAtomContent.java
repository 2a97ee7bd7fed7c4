package io.faultline.ingestion.statuspage;

import io.faultline.avro.IncidentStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the HTML content of a Statuspage-hosted Atom/RSS entry (GitHub's history.atom) into its
 * updates. Each update is a paragraph {@code <small>Apr 28, 17:09 UTC</small><br><strong>Resolved</strong> - text},
 * newest first. Update ids count from the oldest paragraph, so they stay stable as new updates
 * are prepended on later fetches.
 *
 * <p>Limits: the paragraph date has no year, so it is taken from the entry's own time (a date
 * more than two days after that is read as the previous year). Only "UTC" paragraph times are
 * read; other zones leave the update without a time. "Update" is not a status: it keeps the
 * status of the update before it.
 */
final class StatuspageAtomContent {

    private static final Pattern PARAGRAPH = Pattern.compile(
            "<small>(.*?)</small>\\s*<br\\s*/?>\\s*<strong>(.*?)</strong>\\s*-?\\s*(.*?)</p>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern WHEN = Pattern.compile("([A-Za-z]{3})\\s+(\\d{1,2}),\\s+(\\d{1,2}):(\\d{2})\\s+UTC");

    private StatuspageAtomContent() {
    }

    /** The updates in the content, oldest first; empty when the content is not in this shape. */
    static List<IncidentUpdate> updates(String entryId, String html, Instant reference) {
        List<String[]> found = new ArrayList<>();
        Matcher m = PARAGRAPH.matcher(html == null ? "" : html);
        while (m.find()) {
            found.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        List<IncidentUpdate> out = new ArrayList<>();
        IncidentStatus carried = IncidentStatus.UNKNOWN;
        for (int i = found.size() - 1, ordinal = 1; i >= 0; i--, ordinal++) {
            String[] p = found.get(i);
            String word = Html.toText(p[1]);
            IncidentStatus status = Vocabulary.incidentStatus(word);
            if (status == IncidentStatus.UNKNOWN) {
                status = carried;
            }
            carried = status;
            Instant at = when(Html.toText(p[0]), reference);
            out.add(new IncidentUpdate(entryId + "#" + ordinal, status, word + " - " + Html.toText(p[2]), at, at,
                    List.of(), null));
        }
        return out;
    }

    static Instant when(String text, Instant reference) {
        Matcher m = WHEN.matcher(text == null ? "" : text);
        if (!m.find() || reference == null) {
            return null;
        }
        Month month = monthOf(m.group(1));
        if (month == null) {
            return null;
        }
        int year = reference.atOffset(ZoneOffset.UTC).getYear();
        try {
            Instant at = at(year, month, m);
            return at.isAfter(reference.plusSeconds(2 * 86_400)) ? at(year - 1, month, m) : at;
        } catch (java.time.DateTimeException e) {
            return null; // e.g. "Feb 30"
        }
    }

    private static Instant at(int year, Month month, Matcher m) {
        return LocalDateTime.of(year, month, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))).toInstant(ZoneOffset.UTC);
    }

    private static Month monthOf(String abbreviation) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.US).equalsIgnoreCase(abbreviation)) {
                return month;
            }
        }
        return null;
    }
}
