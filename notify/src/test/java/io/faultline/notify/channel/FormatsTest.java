package io.faultline.notify.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.notify.Alert;
import io.faultline.notify.AlertKind;
import io.faultline.notify.IncidentView;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each channel's payload against the fields its receiver documents. */
class FormatsTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:31:00Z");
    static final String API = "http://faultline.example:8080";
    static final IncidentView.Member VENMO = new IncidentView.Member("venmo", "Venmo", "DOWN", "us-east-1", true);
    static final IncidentView.Member COINBASE = new IncidentView.Member("coinbase", "Coinbase", "DEGRADED", "us-east-1", true);
    static final ObjectMapper JSON = new ObjectMapper();

    static IncidentView view(long rev, String state, double confidence) {
        return new IncidentView("aws-us-east-1-20211207", rev, state, "AWS us-east-1: 2 services impaired", "aws/us-east-1",
                "AWS us-east-1", "REGION", confidence, "aws", "us-east-1", List.of(COINBASE, VENMO), T0,
                IncidentView.RESOLVED.equals(state) ? T0.plusSeconds(3600) : null, T0.plusSeconds(60 * rev));
    }

    /** The subscriber owns venmo: it comes first. */
    static Alert alert(AlertKind kind, IncidentView v, Alert.Delivered previous) {
        return new Alert("shop", kind, v, List.of(VENMO), List.of(VENMO, COINBASE), previous);
    }

    static JsonNode json(Outgoing o) throws Exception {
        return JSON.readTree(o.body());
    }

    @Test
    void webhook_body_is_the_versioned_schema_signed_over_the_raw_bytes_with_the_idempotency_key() throws Exception {
        Webhook w = new Webhook(URI.create("http://127.0.0.1:9/hook"), "s3cret", API);
        Outgoing o = w.format(alert(AlertKind.OPEN, view(3, IncidentView.SUSPECTED, 0.62), null));
        assertThat(o.headers()).containsEntry("Idempotency-Key", "aws-us-east-1-20211207:3")
                .containsEntry("X-Faultline-Event", "open").containsEntry("Content-Type", "application/json");
        // what a receiver recomputes, independently of our code
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(o.headers().get("X-Faultline-Signature"))
                .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(o.body())));
        JsonNode b = json(o);
        assertThat(b.get("schema").asText()).isEqualTo("faultline.alert.v1");
        assertThat(b.get("event").asText()).isEqualTo("open");
        assertThat(b.at("/incident/id").asText()).isEqualTo("aws-us-east-1-20211207");
        assertThat(b.at("/incident/revision").asLong()).isEqualTo(3);
        assertThat(b.at("/incident/state").asText()).isEqualTo("SUSPECTED");
        assertThat(b.at("/incident/cause/id").asText()).isEqualTo("aws/us-east-1");
        assertThat(b.at("/incident/cause/confidence").asDouble()).isEqualTo(0.62);
        assertThat(b.at("/incident/link").asText()).isEqualTo(API + "/api/v1/incidents/aws-us-east-1-20211207");
        assertThat(b.at("/affected/0/id").asText()).isEqualTo("venmo");
        assertThat(b.at("/affected/0/yours").asBoolean()).isTrue();
        assertThat(b.at("/affected/1/yours").asBoolean()).isFalse();
        // a retry of the same revision is byte-identical, so its signature is too
        assertThat(w.format(alert(AlertKind.OPEN, view(3, IncidentView.SUSPECTED, 0.62), null)).body()).isEqualTo(o.body());
        // a different secret gives a different signature
        assertThat(new Webhook(URI.create("http://127.0.0.1:9/hook"), "other", API).format(
                alert(AlertKind.OPEN, view(3, IncidentView.SUSPECTED, 0.62), null)).headers().get("X-Faultline-Signature"))
                .isNotEqualTo(o.headers().get("X-Faultline-Signature"));
    }

    @Test
    void slack_is_a_block_kit_message_with_cause_confidence_state_the_subscribers_services_first_and_a_link() throws Exception {
        Outgoing o = new Slack(URI.create("https://hooks.slack.com/services/T/B/X"), API)
                .format(alert(AlertKind.UPDATE, view(4, IncidentView.CONFIRMED, 0.91), null));
        JsonNode b = json(o);
        assertThat(b.get("text").asText()).contains("AWS us-east-1").contains("CONFIRMED").contains("91%");
        JsonNode blocks = b.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).at("/text/text").asText().length()).isLessThanOrEqualTo(150);
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
        List<String> fields = blocks.get(1).get("fields").findValuesAsText("text");
        assertThat(fields).anyMatch(f -> f.startsWith("*Cause*") && f.contains("aws/us-east-1"))
                .anyMatch(f -> f.startsWith("*Confidence*") && f.contains("91%"))
                .anyMatch(f -> f.startsWith("*State*") && f.contains("confirmed"));
        assertThat(blocks.get(1).get("fields").size()).isLessThanOrEqualTo(10);
        String services = blocks.get(2).at("/text/text").asText();
        assertThat(blocks.get(2).at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(services.indexOf("*Venmo*")).isPositive().isLessThan(services.indexOf("Coinbase"));
        assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(3).at("/elements/0/text").asText()).contains("<" + API + "/api/v1/incidents/aws-us-east-1-20211207|");
    }

    @Test
    void pagerduty_triggers_with_the_incident_as_dedup_key_and_resolves_it() throws Exception {
        PagerDuty pd = new PagerDuty(null, "R0UTING", API);
        Outgoing trigger = pd.format(alert(AlertKind.OPEN, view(1, IncidentView.CONFIRMED, 0.9), null));
        assertThat(trigger.uri()).isEqualTo(URI.create("https://events.pagerduty.com/v2/enqueue"));
        JsonNode t = json(trigger);
        assertThat(t.get("routing_key").asText()).isEqualTo("R0UTING");
        assertThat(t.get("event_action").asText()).isEqualTo("trigger");
        assertThat(t.get("dedup_key").asText()).isEqualTo("aws-us-east-1-20211207");
        assertThat(t.at("/payload/summary").asText()).contains("AWS us-east-1").hasSizeLessThanOrEqualTo(1024);
        assertThat(t.at("/payload/source").asText()).isEqualTo("aws/us-east-1");
        assertThat(t.at("/payload/severity").asText()).isIn("critical", "error", "warning", "info").isEqualTo("critical");
        assertThat(Instant.parse(t.at("/payload/timestamp").asText())).isEqualTo(T0.plusSeconds(60));
        assertThat(t.at("/links/0/href").asText()).startsWith(API);
        JsonNode r = json(pd.format(alert(AlertKind.RESOLVE, view(9, IncidentView.RESOLVED, 0.9), null)));
        assertThat(r.get("event_action").asText()).isEqualTo("resolve");
        assertThat(r.get("dedup_key").asText()).isEqualTo("aws-us-east-1-20211207");
        assertThat(r.has("payload")).isFalse();
    }

    @Test
    void pagerduty_severity_follows_state_and_confidence() {
        assertThat(PagerDuty.severity(view(1, IncidentView.CONFIRMED, 0.85))).isEqualTo("critical");
        assertThat(PagerDuty.severity(view(1, IncidentView.CONFIRMED, 0.6))).isEqualTo("error");
        assertThat(PagerDuty.severity(view(1, IncidentView.SUSPECTED, 0.6))).isEqualTo("warning");
        assertThat(PagerDuty.severity(view(1, IncidentView.SUSPECTED, 0.3))).isEqualTo("info");
    }

    @Test
    void alertmanager_posts_labelled_alerts_ends_the_old_label_set_on_a_state_change_and_sets_ends_at_on_resolve()
            throws Exception {
        Alertmanager am = new Alertmanager(URI.create("http://127.0.0.1:9093/"), API, Alertmanager.DEFAULT_REPOST_INTERVAL);
        Outgoing open = am.format(alert(AlertKind.OPEN, view(1, IncidentView.SUSPECTED, 0.6), null));
        assertThat(open.uri()).isEqualTo(URI.create("http://127.0.0.1:9093/api/v2/alerts"));
        JsonNode a = json(open);
        assertThat(a.isArray()).isTrue();
        assertThat(a.size()).isEqualTo(1);
        JsonNode labels = a.get(0).get("labels");
        assertThat(labels.get("alertname").asText()).isEqualTo(Alertmanager.ALERT_NAME);
        assertThat(labels.get("cause").asText()).isEqualTo("aws/us-east-1");
        assertThat(labels.get("provider").asText()).isEqualTo("aws");
        assertThat(labels.get("region").asText()).isEqualTo("us-east-1");
        assertThat(labels.get("state").asText()).isEqualTo("SUSPECTED");
        assertThat(a.get(0).at("/annotations/summary").asText()).contains("AWS us-east-1");
        assertThat(a.get(0).at("/annotations/members").asText()).isEqualTo("Venmo, Coinbase");
        assertThat(a.get(0).has("endsAt")).isFalse();

        JsonNode changed = json(am.format(alert(AlertKind.UPDATE, view(2, IncidentView.CONFIRMED, 0.9),
                new Alert.Delivered("aws/us-east-1", IncidentView.SUSPECTED, Set.of("venmo")))));
        assertThat(changed.size()).isEqualTo(2);
        assertThat(changed.get(0).at("/labels/state").asText()).isEqualTo("SUSPECTED");
        assertThat(changed.get(0).has("endsAt")).isTrue();
        assertThat(changed.get(1).at("/labels/state").asText()).isEqualTo("CONFIRMED");
        assertThat(changed.get(1).has("endsAt")).isFalse();

        JsonNode resolved = json(am.format(alert(AlertKind.RESOLVE, view(3, IncidentView.RESOLVED, 0.9),
                new Alert.Delivered("aws/us-east-1", IncidentView.CONFIRMED, Set.of("venmo")))));
        assertThat(resolved.size()).isEqualTo(1);
        assertThat(resolved.get(0).at("/labels/state").asText()).as("the firing alert is the one ended").isEqualTo("CONFIRMED");
        assertThat(Instant.parse(resolved.get(0).get("endsAt").asText())).isEqualTo(T0.plusSeconds(3600));
    }
}
