package io.faultline.ingestion.probe;

import io.faultline.ingestion.BadField;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeSource;
import io.faultline.ingestion.ParseOutcome;

/**
 * RIPE Atlas probe connection events (measurement 7000,
 * {@code {"prb_id","asn","prefix","event":"connect"|"disconnect","timestamp","controller","type":"connection"}})
 * to {@link ProbeConnectionEvent}s. {@code asn} comes as an int, a numeric string, {@code ""} or
 * null in real archives; all but a number become null. An unknown {@code event} value becomes
 * UNKNOWN; a message of another {@code type} is rejected as UNSUPPORTED_EVENT.
 */
public final class AtlasConnectionEventParser implements AtlasLineParser<ProbeConnectionEvent> {

    public static final String SOURCE = "ingest.probe.atlas-connection";

    private final Clock clock;

    public AtlasConnectionEventParser(Clock clock) {
        this.clock = clock;
    }

    /** One NDJSON line, streaming message or array; never throws. */
    @Override
    public ParseOutcome<ProbeConnectionEvent> parseLine(String line, Map<String, String> context) {
        return AtlasJson.each(SOURCE, line, context, this::toEvent);
    }

    ProbeConnectionEvent toEvent(JsonNode n) {
        String type = AtlasJson.text(n, "type");
        if (type != null && !"connection".equals(type)) {
            throw new BadField("UNSUPPORTED_EVENT", "not a connection event: type '" + type + "'");
        }
        long probeId = AtlasJson.requiredInteger(n, "prb_id");
        long timestamp = AtlasJson.requiredInteger(n, "timestamp");
        String eventText = AtlasJson.text(n, "event");
        if (eventText == null) {
            throw BadField.missing("event");
        }
        ConnectionEventType event = switch (eventText.toLowerCase(Locale.ROOT)) {
            case "connect" -> ConnectionEventType.CONNECT;
            case "disconnect" -> ConnectionEventType.DISCONNECT;
            default -> ConnectionEventType.UNKNOWN;
        };
        return ProbeConnectionEvent.newBuilder()
                .setEventId("ripe-atlas:" + probeId + ":" + eventText.toLowerCase(Locale.ROOT) + ":" + timestamp)
                .setSource(ProbeSource.RIPE_ATLAS)
                .setProbeId(probeId)
                .setEvent(event)
                .setAsn(asn(n.get("asn")))
                .setPrefix(AtlasJson.text(n, "prefix"))
                .setCountry(AtlasJson.text(n, "country_code"))
                .setController(AtlasJson.text(n, "controller"))
                .setEventTime(Instant.ofEpochSecond(timestamp))
                .setObservedAt(clock.instant())
                .build();
    }

    private static Long asn(JsonNode asn) {
        if (asn == null || asn.isNull()) {
            return null;
        }
        if (asn.isIntegralNumber()) {
            return asn.asLong();
        }
        if (asn.isTextual()) {
            String s = asn.asText().strip();
            if (s.regionMatches(true, 0, "AS", 0, 2)) {
                s = s.substring(2);
            }
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw BadField.invalid("asn", "is not an AS number: '" + asn.asText() + "'");
            }
        }
        throw BadField.invalid("asn", "must be a number or string, was " + asn.getNodeType());
    }
}
