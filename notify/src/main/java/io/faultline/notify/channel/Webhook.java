package io.faultline.notify.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.notify.Alert;
import io.faultline.notify.IncidentView;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A generic webhook: the versioned JSON body of docs/notify.md ({@value #SCHEMA}), an {@code Idempotency-Key} of
 * {@code <incident id>:<revision>}, and {@value #SIGNATURE_HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 of the
 * raw body bytes under the subscription's secret. The body holds no send time, so a retried revision carries the
 * same bytes and the same signature.
 */
public final class Webhook implements ChannelFormat {

    public static final String SCHEMA = "faultline.alert.v1";
    public static final String SIGNATURE_HEADER = "X-Faultline-Signature";
    public static final String EVENT_HEADER = "X-Faultline-Event";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final URI url;
    private final byte[] secret;
    private final String apiUrl;

    public Webhook(URI url, String secret, String apiUrl) {
        this.url = Objects.requireNonNull(url, "url");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs a signing secret");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.apiUrl = apiUrl;
    }

    @Override
    public Outgoing format(Alert alert) {
        byte[] body = Json.bytes(body(alert, apiUrl));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(IDEMPOTENCY_HEADER, alert.idempotencyKey());
        headers.put(EVENT_HEADER, alert.kind().wireName());
        headers.put(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
        return new Outgoing(url, headers, body);
    }

    /** Lowercase hex HMAC-SHA256 of {@code body} under {@code key}: what a receiver recomputes to verify. */
    public static String sign(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static ObjectNode body(Alert alert, String apiUrl) {
        IncidentView v = alert.incident();
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA);
        root.put("event", alert.kind().wireName());
        root.put("subscription", alert.subscriptionId());
        root.put("idempotencyKey", alert.idempotencyKey());
        ObjectNode incident = root.putObject("incident");
        incident.put("id", v.id());
        incident.put("revision", v.revision());
        incident.put("state", v.state());
        incident.put("title", v.title());
        ObjectNode cause = incident.putObject("cause");
        cause.put("id", v.causeId());
        cause.put("name", v.causeName());
        cause.put("kind", v.causeKind());
        cause.put("confidence", v.confidence());
        incident.put("provider", v.provider());
        incident.put("region", v.region());
        incident.put("openedAt", v.openedAt() == null ? null : v.openedAt().toString());
        incident.put("resolvedAt", v.resolvedAt() == null ? null : v.resolvedAt().toString());
        incident.put("eventTime", v.eventTime().toString());
        incident.put("members", v.members().size());
        incident.put("link", Json.incidentLink(apiUrl, v.id()));
        ArrayNode affected = root.putArray("affected");
        java.util.Set<String> yours = new java.util.HashSet<>();
        alert.affected().forEach(m -> yours.add(m.id()));
        for (IncidentView.Member m : alert.members()) {
            ObjectNode o = affected.addObject();
            o.put("id", m.id());
            o.put("name", m.name());
            o.put("health", m.health());
            o.put("impaired", m.impaired());
            o.put("yours", yours.contains(m.id()));
        }
        return root;
    }
}
