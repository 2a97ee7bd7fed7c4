package io.faultline.ingestion.probe.prober;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeSource;

/**
 * The own prober's sign of life after each round, as a connection event of its vantage (the Disco
 * method applied to our own vantages, see docs/network-outages.md): CONNECT when the round reached
 * anything, DISCONNECT when every probe of a round over several targets failed without an answer
 * (the vantage's own network is cut off, not the targets). The correlation also counts a vantage out
 * when its heartbeats stop while other vantages are heard, which is what happens when its link to
 * Kafka goes down with its network.
 *
 * <p>The vantage's probe id is a stable negative number derived from its name (RIPE Atlas ids are
 * positive, so the two never meet).
 */
public final class VantageHeartbeat {

    /** Fewer targets than this cannot tell a cut-off vantage from targets that are down. */
    static final int MIN_TARGETS_FOR_DISCONNECT = 3;

    private VantageHeartbeat() {
    }

    public static ProbeConnectionEvent of(Vantage vantage, RoundSummary round, Instant observedAt) {
        ConnectionEventType event = cutOff(round) ? ConnectionEventType.DISCONNECT : ConnectionEventType.CONNECT;
        return ProbeConnectionEvent.newBuilder()
                .setEventId("faultline:" + vantage.name() + ":heartbeat:" + round.startedAt().toEpochMilli())
                .setSource(ProbeSource.FAULTLINE_PROBER)
                .setProbeId(probeId(vantage.name()))
                .setEvent(event)
                .setAsn(vantage.asn())
                .setCountry(vantage.country())
                .setVantage(vantage.name())
                .setEventTime(round.startedAt())
                .setObservedAt(observedAt)
                .build();
    }

    /** Every probe failed and none got an answer from its target (an HTTP error is an answer). */
    static boolean cutOff(RoundSummary round) {
        if (round.targets() < MIN_TARGETS_FOR_DISCONNECT || round.succeeded() > 0 || round.probes() == 0) {
            return false;
        }
        Map<ProbeErrorKind, Integer> f = round.failures();
        return f.getOrDefault(ProbeErrorKind.HTTP_ERROR, 0) == 0 && f.getOrDefault(ProbeErrorKind.CONNECT_REFUSED, 0) == 0
                && f.getOrDefault(ProbeErrorKind.TLS_FAILURE, 0) == 0;
    }

    /** A stable id below zero for a vantage name (64-bit FNV-1a, sign bit forced). */
    public static long probeId(String vantageName) {
        long h = 0xcbf29ce484222325L;
        for (byte b : vantageName.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h | Long.MIN_VALUE;
    }
}
