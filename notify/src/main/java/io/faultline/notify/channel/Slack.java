package io.faultline.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.notify.Alert;
import io.faultline.notify.AlertKind;
import io.faultline.notify.IncidentView;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Slack incoming-webhook message in Block Kit: a header (at most 150 characters), a section with fields for
 * cause, confidence, state and provider/region, a section listing the affected services (the subscriber's own
 * first, in bold; at most 3000 characters), and a context line linking to the incident on the API. {@code text}
 * is the notification fallback Slack shows where blocks cannot be.
 */
public final class Slack implements ChannelFormat {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int LISTED_MAX = 25;

    private final URI url;
    private final String apiUrl;

    public Slack(URI url, String apiUrl) {
        this.url = url;
        this.apiUrl = apiUrl;
    }

    @Override
    public Outgoing format(Alert alert) {
        IncidentView v = alert.incident();
        String verb = switch (alert.kind()) {
            case OPEN -> "Outage";
            case UPDATE -> "Update";
            case RESOLVE -> "Resolved";
        };
        String headline = verb + ": " + v.causeName() + " — " + v.members().size() + " services";
        ObjectNode root = Json.object();
        root.put("text", Json.cut(headline + " (" + v.state() + ", confidence " + percent(v.confidence()) + ")", FIELD_MAX));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        plain(header.putObject("text"), Json.cut(headline, HEADER_MAX));

        ObjectNode facts = blocks.addObject();
        facts.put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "*Cause*\n" + v.causeName() + (v.causeId() == null ? "" : " (`" + v.causeId() + "`)"));
        field(fields, "*Confidence*\n" + percent(v.confidence()));
        field(fields, "*State*\n" + v.state().toLowerCase(Locale.ROOT));
        field(fields, "*Provider / region*\n" + v.provider() + " / " + v.region());

        ObjectNode services = blocks.addObject();
        services.put("type", "section");
        mrkdwn(services.putObject("text"), Json.cut(servicesText(alert), SECTION_MAX));

        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode link = context.putArray("elements").addObject();
        mrkdwn(link, "<" + Json.incidentLink(apiUrl, v.id()) + "|incident " + v.id() + ">, revision " + v.revision()
                + (alert.kind() == AlertKind.RESOLVE && v.resolvedAt() != null ? ", resolved " + v.resolvedAt() : ""));
        return new Outgoing(url, Map.of("Content-Type", "application/json"), Json.bytes(root));
    }

    private static String servicesText(Alert alert) {
        Set<String> yours = new HashSet<>();
        alert.affected().forEach(m -> yours.add(m.id()));
        StringBuilder sb = new StringBuilder("*Affected services*");
        int listed = 0;
        for (IncidentView.Member m : alert.members()) {
            if (listed == LISTED_MAX) {
                sb.append("\n… and ").append(alert.members().size() - listed).append(" more");
                break;
            }
            String name = m.name() + (m.impaired() ? "" : " (recovered)");
            sb.append("\n• ").append(yours.contains(m.id()) ? "*" + name + "*" : name);
            listed++;
        }
        return sb.toString();
    }

    private static void field(ArrayNode fields, String text) {
        mrkdwn(fields.addObject(), Json.cut(text, FIELD_MAX));
    }

    private static void plain(ObjectNode o, String text) {
        o.put("type", "plain_text");
        o.put("text", text);
    }

    private static void mrkdwn(ObjectNode o, String text) {
        o.put("type", "mrkdwn");
        o.put("text", text);
    }

    static String percent(double confidence) {
        return Math.round(confidence * 100) + "%";
    }
}
