package io.faultline.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.notify.Alert;
import io.faultline.notify.AlertKind;
import io.faultline.notify.IncidentView;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Alertmanager API v2 ({@code POST <base>/api/v2/alerts}, a list of postable alerts). Labels: {@code alertname},
 * {@code incident}, {@code cause}, {@code provider}, {@code region}, {@code state}; annotations: {@code summary},
 * {@code members}, {@code link}. An open alert has no {@code endsAt}, so Alertmanager keeps it firing for its
 * {@code resolve_timeout} (5 min by default) after the last post: the worker re-posts it every
 * {@link #DEFAULT_REPOST_INTERVAL}. The resolve sets {@code endsAt}. Labels are an alert's identity, so when the
 * cause or the state changed, the old label set is ended in the same post.
 */
public final class Alertmanager implements ChannelFormat {

    public static final String ALERT_NAME = "FaultlineCorrelatedOutage";
    /** Well under Alertmanager's default resolve_timeout of 5 minutes. */
    public static final Duration DEFAULT_REPOST_INTERVAL = Duration.ofMinutes(1);

    private final URI alertsUrl;
    private final String apiUrl;
    private final Duration repostInterval;

    public Alertmanager(URI baseUrl, String apiUrl, Duration repostInterval) {
        String base = baseUrl.toString();
        this.alertsUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
        this.apiUrl = apiUrl;
        this.repostInterval = repostInterval;
    }

    @Override
    public Optional<Duration> repostInterval() {
        return Optional.of(repostInterval);
    }

    @Override
    public Outgoing format(Alert alert) {
        IncidentView v = alert.incident();
        ArrayNode alerts = Json.MAPPER.createArrayNode();
        Alert.Delivered before = alert.previous();
        boolean wasFiring = before != null && !before.state().equals(IncidentView.RESOLVED);
        Instant ends = v.resolvedAt() != null ? v.resolvedAt() : v.eventTime();
        if (alert.kind() == AlertKind.RESOLVE) {
            // ends the alert that was firing: same labels (a state=RESOLVED label set would be a new alert)
            ObjectNode a = alerts.addObject();
            if (wasFiring) {
                labels(a.putObject("labels"), v, cause(before.causeId(), v), provider(before.causeId()), before.state());
            } else {
                labels(a.putObject("labels"), v, v.causeLabel(), v.provider(), v.state());
            }
            describe(a, alert);
            a.put("endsAt", ends.toString());
        } else {
            if (wasFiring && (!Objects.equals(before.causeId(), v.causeId()) || !before.state().equals(v.state()))) {
                ObjectNode old = alerts.addObject();
                labels(old.putObject("labels"), v, cause(before.causeId(), v), provider(before.causeId()), before.state());
                old.put("startsAt", start(v).toString());
                old.put("endsAt", v.eventTime().toString());
            }
            ObjectNode a = alerts.addObject();
            labels(a.putObject("labels"), v, v.causeLabel(), v.provider(), v.state());
            describe(a, alert);
        }
        return new Outgoing(alertsUrl, Map.of("Content-Type", "application/json"), Json.bytes(alerts));
    }

    private void describe(ObjectNode a, Alert alert) {
        IncidentView v = alert.incident();
        ObjectNode ann = a.putObject("annotations");
        ann.put("summary", v.causeName() + ": " + v.members().size() + " services impaired ("
                + v.state().toLowerCase(Locale.ROOT) + ", confidence " + Slack.percent(v.confidence()) + ")");
        ann.put("members", String.join(", ", alert.members().stream().map(IncidentView.Member::name).toList()));
        ann.put("link", Json.incidentLink(apiUrl, v.id()));
        a.put("startsAt", start(v).toString());
        a.put("generatorURL", Json.incidentLink(apiUrl, v.id()));
    }

    private static String cause(String causeId, IncidentView v) {
        return causeId == null ? v.causeName() : causeId;
    }

    /**
     * Labels are an alert's identity in Alertmanager: the incident label keeps two incidents with the same cause
     * apart.
     */
    private static void labels(ObjectNode l, IncidentView v, String cause, String provider, String state) {
        l.put("alertname", ALERT_NAME);
        l.put("incident", v.id());
        l.put("cause", cause);
        l.put("provider", provider);
        l.put("region", v.region());
        l.put("state", state);
    }

    private static String provider(String causeId) {
        if (causeId == null) {
            return IncidentView.NONE;
        }
        int slash = causeId.indexOf('/');
        return slash > 0 ? causeId.substring(0, slash) : causeId;
    }

    private static Instant start(IncidentView v) {
        return v.openedAt() != null ? v.openedAt() : v.eventTime();
    }
}
