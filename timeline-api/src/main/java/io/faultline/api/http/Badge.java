package io.faultline.api.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.faultline.api.live.LiveStore;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;

/**
 * A shields-style status badge ("flat" style) for one provider or service: operational,
 * degraded or outage. Every text that reaches the SVG is XML-escaped; the id comes from the URL.
 */
public final class Badge {

    public static final String CONTENT_TYPE = "image/svg+xml; charset=utf-8";

    /** What a badge can say, with its colour (shields.io's green, yellow and red). */
    public enum Status {
        OPERATIONAL("operational", "#4c1"), DEGRADED("degraded", "#dfb317"), OUTAGE("outage", "#e05d44");

        final String text;
        final String colour;

        Status(String text, String colour) {
            this.text = text;
            this.colour = colour;
        }

        Status worse(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    private Badge() {
    }

    /**
     * The status of {@code id} in the live view, or empty when the view knows nothing of it: its own
     * latest health (a service, or a provider region whose status page is read), made worse by any open
     * incident it causes (a provider or component: CONFIRMED is an outage, SUSPECTED degraded) or
     * is a member of.
     */
    public static Optional<Status> status(LiveStore live, String id) {
        Optional<Status> status = live.health(id).map(Badge::of);
        List<IncidentDetail> open = live.incidents(false);
        for (IncidentDetail d : open) {
            IncidentView i = d.incident();
            boolean causes = id.equals(i.provider()) || (i.cause() != null && i.cause().componentId() != null
                    && (id.equals(i.cause().componentId()) || i.cause().componentId().startsWith(id + "/")));
            boolean member = i.serviceIds().contains(id);
            if (causes || member) {
                Status s = "CONFIRMED".equals(i.state()) && causes ? Status.OUTAGE : Status.DEGRADED;
                status = Optional.of(status.map(x -> x.worse(s)).orElse(s));
            }
        }
        return status;
    }

    private static Status of(HealthView h) {
        return switch (h.state()) {
            case "DOWN" -> Status.OUTAGE;
            case "DEGRADED" -> Status.DEGRADED;
            default -> Status.OPERATIONAL;
        };
    }

    /** The SVG: {@code label} on grey, the status on its colour. */
    public static String svg(String label, Status status) {
        int lw = width(label);
        int rw = width(status.text);
        int w = lw + rw;
        String l = escape(label);
        String r = escape(status.text);
        return String.format(Locale.ROOT, """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">\
                <title>%s: %s</title>\
                <linearGradient id="s" x2="0" y2="100%%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>\
                <clipPath id="r"><rect width="%d" height="20" rx="3" fill="#fff"/></clipPath>\
                <g clip-path="url(#r)"><rect width="%d" height="20" fill="#555"/><rect x="%d" width="%d" height="20" fill="%s"/>\
                <rect width="%d" height="20" fill="url(#s)"/></g>\
                <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\
                <text x="%.1f" y="14">%s</text><text x="%.1f" y="14">%s</text></g></svg>
                """, w, l, r, l, r, w, lw, lw, rw, status.colour, w, lw / 2.0, l, lw + rw / 2.0, r);
    }

    /** Approximate text width in Verdana 11px (shields measures; this is close enough for ids). */
    private static int width(String text) {
        return (int) Math.round(text.codePointCount(0, text.length()) * 6.5) + 10;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        b.append('?'); // control characters are not allowed in XML 1.0
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
