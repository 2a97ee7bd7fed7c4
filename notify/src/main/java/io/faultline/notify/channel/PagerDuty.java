package io.faultline.notify.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.notify.Alert;
import io.faultline.notify.AlertKind;
import io.faultline.notify.IncidentView;

import java.net.URI;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): a {@code trigger} for the open and every update, with
 * {@code dedup_key} = incident id so they all land on one PagerDuty alert, and a {@code resolve} with the same key.
 * Severity follows state and confidence ({@link #severity}). {@code payload.summary} is limited to 1024 characters.
 */
public final class PagerDuty implements ChannelFormat {

    public static final URI EVENTS_V2 = URI.create("https://events.pagerduty.com/v2/enqueue");
    static final int SUMMARY_MAX = 1024;
    static final int DEDUP_KEY_MAX = 255;

    private final URI url;
    private final String routingKey;
    private final String apiUrl;

    public PagerDuty(URI url, String routingKey, String apiUrl) {
        this.url = url == null ? EVENTS_V2 : url;
        if (routingKey == null || routingKey.isBlank()) {
            throw new IllegalArgumentException("PagerDuty needs a routing key");
        }
        this.routingKey = routingKey;
        this.apiUrl = apiUrl;
    }

    @Override
    public Outgoing format(Alert alert) {
        IncidentView v = alert.incident();
        ObjectNode root = Json.object();
        root.put("routing_key", routingKey);
        root.put("dedup_key", Json.cut(v.id(), DEDUP_KEY_MAX));
        if (alert.kind() == AlertKind.RESOLVE) {
            root.put("event_action", "resolve");
        } else {
            root.put("event_action", "trigger");
            ObjectNode payload = root.putObject("payload");
            payload.put("summary", Json.cut(v.causeName() + ": " + v.members().size() + " services impaired ("
                    + v.state().toLowerCase(java.util.Locale.ROOT) + ", confidence " + Slack.percent(v.confidence()) + ")"
                    + yours(alert), SUMMARY_MAX));
            payload.put("source", v.causeLabel());
            payload.put("severity", severity(v));
            payload.put("timestamp", v.eventTime().toString());
            payload.put("component", v.causeLabel());
            payload.put("group", v.provider());
            payload.put("class", "correlated-outage");
            ObjectNode details = payload.putObject("custom_details");
            details.put("incident", v.id());
            details.put("revision", v.revision());
            details.put("state", v.state());
            details.put("region", v.region());
            details.put("confidence", v.confidence());
            details.putPOJO("affected", alert.affected().stream().map(IncidentView.Member::id).toList());
            details.putPOJO("members", alert.members().stream().map(IncidentView.Member::id).toList());
            ObjectNode link = root.putArray("links").addObject();
            link.put("href", Json.incidentLink(apiUrl, v.id()));
            link.put("text", "Faultline incident " + v.id());
        }
        root.put("client", "Faultline");
        root.put("client_url", Json.incidentLink(apiUrl, v.id()));
        return new Outgoing(url, Map.of("Content-Type", "application/json"), Json.bytes(root));
    }

    /** critical: confirmed with confidence ≥ 0.8; error: confirmed; warning: suspected with confidence ≥ 0.5; else info. */
    static String severity(IncidentView v) {
        boolean confirmed = IncidentView.CONFIRMED.equals(v.state());
        if (confirmed) {
            return v.confidence() >= 0.8 ? "critical" : "error";
        }
        return v.confidence() >= 0.5 ? "warning" : "info";
    }

    private static String yours(Alert alert) {
        if (alert.affected().isEmpty() || alert.affected().size() == alert.members().size()) {
            return "";
        }
        return "; yours: " + String.join(", ", alert.affected().stream().map(IncidentView.Member::name).toList());
    }
}
