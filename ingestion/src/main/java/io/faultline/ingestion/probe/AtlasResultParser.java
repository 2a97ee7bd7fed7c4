package io.faultline.ingestion.probe;

import io.faultline.ingestion.BadField;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.ingestion.ParseOutcome;

/**
 * RIPE Atlas measurement results (ping, http, dns, traceroute; all firmware generations in the
 * public result format) to {@link ProbeResult}s with source RIPE_ATLAS and vantage
 * {@code atlas:<prb_id>}. Other result types (sslcert, ntp ...) are rejected as UNSUPPORTED_EVENT.
 * The target id is what the {@link TargetResolver} says, else dst_name, else the URL host, else
 * dst_addr.
 */
public final class AtlasResultParser implements AtlasLineParser<ProbeResult> {

    public static final String SOURCE = "ingest.probe.atlas";
    /** DNS rcodes that are answers (NOERROR, NXDOMAIN); SERVFAIL, REFUSED ... mean the server failed. */
    private static final List<Integer> ANSWER_RCODES = List.of(0, 3);

    private final Clock clock;
    private final TargetResolver resolver;

    public AtlasResultParser(Clock clock) {
        this(clock, TargetResolver.NONE);
    }

    public AtlasResultParser(Clock clock, TargetResolver resolver) {
        this.clock = clock;
        this.resolver = resolver;
    }

    /** One NDJSON line, streaming message, array or download envelope; never throws. */
    @Override
    public ParseOutcome<ProbeResult> parseLine(String line, Map<String, String> context) {
        return AtlasJson.each(SOURCE, line, context, this::toResult);
    }

    ProbeResult toResult(JsonNode n) {
        String type = AtlasJson.text(n, "type");
        if (type == null) {
            throw BadField.missing("type");
        }
        long probeId = AtlasJson.requiredInteger(n, "prb_id");
        long timestamp = AtlasJson.requiredInteger(n, "timestamp");
        Long msmId = AtlasJson.integer(n, "msm_id");
        ProbeResult.Builder b = ProbeResult.newBuilder()
                .setSource(ProbeSource.RIPE_ATLAS)
                .setVantage("atlas:" + probeId)
                .setMeasurementId(msmId)
                .setEventTime(Instant.ofEpochSecond(timestamp))
                .setObservedAt(clock.instant())
                .setErrorKind(ProbeErrorKind.NONE);
        String host = firstNonNull(AtlasJson.text(n, "dst_name"), AtlasJson.text(n, "name"));
        String address = firstNonNull(AtlasJson.text(n, "dst_addr"), AtlasJson.text(n, "addr"));
        switch (type) {
            case "ping" -> ping(n, b.setProbeType(ProbeType.PING));
            case "http" -> {
                address = http(n, b.setProbeType(ProbeType.HTTP), address);
                if (host == null) {
                    host = AtlasJson.text(n, "uri");
                }
            }
            case "dns" -> address = dns(n, b.setProbeType(ProbeType.DNS), address);
            case "traceroute" -> traceroute(n, b.setProbeType(ProbeType.TRACEROUTE), address);
            default -> throw new BadField("UNSUPPORTED_EVENT", "unsupported RIPE Atlas result type '" + type + "'");
        }
        String targetHost = host;
        String targetAddress = address;
        String targetId = resolver.resolve(targetHost, targetAddress)
                .orElseGet(() -> firstNonNull(hostOf(targetHost), targetAddress));
        if (targetId == null) {
            targetId = "atlas-msm:" + msmId;
        }
        return b.setTargetId(targetId)
                .setTargetHost(host)
                .setTargetAddress(address)
                .setResultId(String.join("/", "ripe-atlas", String.valueOf(msmId), "atlas:" + probeId, targetId,
                        Long.toString(timestamp)))
                .build();
    }

    /** avg/min/max are -1 when nothing came back; loss counts sent vs received (duplicates ignored). */
    private static void ping(JsonNode n, ProbeResult.Builder b) {
        Double sent = AtlasJson.number(n, "sent");
        Double rcvd = AtlasJson.number(n, "rcvd");
        if (sent == null || rcvd == null) {
            throw BadField.missing(sent == null ? "sent" : "rcvd");
        }
        Double avg = AtlasJson.number(n, "avg");
        b.setTotalMs(avg != null && avg >= 0 ? avg : null);
        b.setPacketLoss(sent > 0 ? Math.max(0, Math.min(1, (sent - rcvd) / sent)) : null);
        boolean ok = rcvd > 0;
        b.setSuccess(ok);
        if (!ok) {
            b.setErrorKind(ProbeErrorKind.PACKET_LOSS).setError("no replies (" + rcvd.longValue() + "/" + sent.longValue() + ")");
        }
    }

    /** Returns the address actually reached, when the result names it. */
    private static String http(JsonNode n, ProbeResult.Builder b, String address) {
        JsonNode result = n.get("result");
        if (result != null && result.isArray() && result.size() > 0) {
            JsonNode r = result.get(0);
            address = firstNonNull(AtlasJson.text(r, "dst_addr"), AtlasJson.text(r, "addr"), address);
            Long res = AtlasJson.integer(r, "res");
            b.setStatusCode(res == null ? null : res.intValue())
                    .setTotalMs(AtlasJson.number(r, "rt"))
                    .setConnectMs(AtlasJson.number(r, "ttc"))
                    .setFirstByteMs(AtlasJson.number(r, "ttfb"));
            String dnsErr = AtlasJson.text(r, "dnserr");
            String err = AtlasJson.text(r, "err");
            if (dnsErr != null) {
                b.setSuccess(false).setErrorKind(ProbeErrorKind.DNS_FAILURE).setError(dnsErr);
            } else if (err != null) {
                b.setSuccess(false).setErrorKind(classify(err)).setError(err);
            } else if (res == null) {
                throw BadField.missing("result[0].res");
            } else {
                boolean ok = res >= 100 && res < 400;
                b.setSuccess(ok).setErrorKind(ok ? ProbeErrorKind.NONE : ProbeErrorKind.HTTP_ERROR);
                if (!ok) {
                    b.setError("HTTP " + res);
                }
            }
            return address;
        }
        // firmware 0/1: "GET4 <addr> <seconds> <status> <hsize> <bsize>" in result (fw 1) or src_addr (fw 0)
        String legacy = result != null && result.isTextual() ? result.asText() : AtlasJson.text(n, "src_addr");
        if (legacy == null) {
            throw BadField.missing("result");
        }
        String[] f = legacy.trim().split("\\s+");
        if (f.length >= 4 && f[0].startsWith("GET")) {
            int status = parseIntOr(f[3], -1);
            boolean ok = status >= 100 && status < 400;
            b.setStatusCode(status < 0 ? null : status)
                    .setTotalMs(parseDoubleOr(f[2], Double.NaN) * 1000)
                    .setSuccess(ok)
                    .setErrorKind(ok ? ProbeErrorKind.NONE : ProbeErrorKind.HTTP_ERROR);
            if (Double.isNaN(b.getTotalMs())) {
                b.setTotalMs(null);
            }
            return f[1];
        }
        b.setSuccess(false).setErrorKind(classify(legacy)).setError(legacy);
        return address;
    }

    private static String dns(JsonNode n, ProbeResult.Builder b, String address) {
        JsonNode set = n.get("resultset");
        JsonNode answered = null;
        JsonNode error = n.get("error");
        if (set != null && set.isArray()) {
            for (JsonNode s : set) {
                if (s.hasNonNull("result") && answered == null) {
                    answered = s;
                } else if (s.hasNonNull("error") && error == null) {
                    error = s.get("error");
                }
            }
            if (answered != null) {
                address = firstNonNull(AtlasJson.text(answered, "dst_addr"), address);
                answered = answered.get("result");
            }
        } else if (n.hasNonNull("result")) {
            answered = n.get("result");
        }
        if (answered != null && answered.isObject()) {
            b.setTotalMs(AtlasJson.number(answered, "rt"));
            Integer rcode = rcode(AtlasJson.text(answered, "abuf"));
            b.setStatusCode(rcode);
            boolean ok = rcode == null || ANSWER_RCODES.contains(rcode);
            b.setSuccess(ok).setErrorKind(ok ? ProbeErrorKind.NONE : ProbeErrorKind.DNS_FAILURE);
            if (!ok) {
                b.setError("rcode " + rcode);
            }
            return address;
        }
        if (error == null) {
            throw BadField.missing("result");
        }
        b.setSuccess(false);
        if (error.isObject() && error.has("timeout")) {
            b.setErrorKind(ProbeErrorKind.TIMEOUT);
        } else if (error.isObject() && error.has("getaddrinfo")) {
            b.setErrorKind(ProbeErrorKind.DNS_FAILURE);
        } else if (error.isObject() && error.has("socket")) {
            b.setErrorKind(ProbeErrorKind.CONNECT_FAILED);
        } else {
            b.setErrorKind(ProbeErrorKind.OTHER);
        }
        b.setError(error.toString());
        return address;
    }

    /** Reached when a reply came from the destination in the last hop; RTT is the best such reply. */
    private static void traceroute(JsonNode n, ProbeResult.Builder b, String address) {
        String err = AtlasJson.text(n, "error");
        JsonNode hops = n.get("result");
        if (err != null || hops == null || !hops.isArray() || hops.isEmpty()) {
            if (err == null) {
                throw BadField.missing("result");
            }
            b.setSuccess(false).setErrorKind(classify(err)).setError(err);
            return;
        }
        JsonNode last = hops.get(hops.size() - 1).path("result");
        Double best = null;
        for (JsonNode reply : last) {
            if (address != null && address.equals(reply.path("from").asText(null)) && reply.path("rtt").isNumber()) {
                double rtt = reply.get("rtt").asDouble();
                best = best == null ? rtt : Math.min(best, rtt);
            }
        }
        b.setTotalMs(best).setSuccess(best != null)
                .setErrorKind(best != null ? ProbeErrorKind.NONE : ProbeErrorKind.TIMEOUT);
        if (best == null) {
            b.setError("destination not reached");
        }
    }

    /** rcode is the low 4 bits of the 4th header byte of the DNS answer. */
    static Integer rcode(String abuf) {
        if (abuf == null) {
            return null;
        }
        try {
            byte[] wire = Base64.getDecoder().decode(abuf);
            return wire.length < 4 ? null : wire[3] & 0x0F;
        } catch (IllegalArgumentException e) {
            throw BadField.invalid("abuf", "is not base64");
        }
    }

    static ProbeErrorKind classify(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("timeout") || e.contains("timed out")) {
            return ProbeErrorKind.TIMEOUT;
        }
        if (e.contains("name resolution") || e.contains("getaddrinfo") || e.contains("dns")) {
            return ProbeErrorKind.DNS_FAILURE;
        }
        if (e.contains("refused")) {
            return ProbeErrorKind.CONNECT_REFUSED;
        }
        if (e.contains("ssl") || e.contains("tls")) {
            return ProbeErrorKind.TLS_FAILURE;
        }
        if (e.contains("connect") || e.contains("unreachable")) {
            return ProbeErrorKind.CONNECT_FAILED;
        }
        return ProbeErrorKind.OTHER;
    }

    private static String hostOf(String hostOrUrl) {
        if (hostOrUrl == null || !hostOrUrl.contains("://")) {
            return hostOrUrl;
        }
        try {
            String h = URI.create(hostOrUrl).getHost();
            return h != null ? h : hostOrUrl;
        } catch (IllegalArgumentException e) {
            return hostOrUrl;
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double parseDoubleOr(String s, double fallback) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
