package io.faultline.ingestion.probe.prober;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.faultline.avro.ProbeType;

/**
 * Settings of the built-in prober, validated when built so that a bad value fails at start-up
 * naming the option and what it accepts.
 *
 * @param interval          time between the starts of two rounds over all targets
 * @param types             probe types to run per target: HTTP, TCP and/or DNS
 * @param dnsTimeout        limit of the name resolution
 * @param connectTimeout    limit of the TCP handshake
 * @param tlsTimeout        limit of the TLS handshake
 * @param firstByteTimeout  limit between sending the request and the first response byte
 * @param totalTimeout      limit of the whole probe, all phases together
 * @param concurrency       probes in flight at once (bounded so a big catalog cannot open thousands of sockets)
 * @param maxBodyBytes      response bytes read before the probe stops reading (the status is known long before)
 * @param allowPrivate      probe private, loopback and link-local addresses too (lab set-ups, tests)
 */
public record ProberConfig(Vantage vantage, Duration interval, Set<ProbeType> types, Duration dnsTimeout,
                           Duration connectTimeout, Duration tlsTimeout, Duration firstByteTimeout,
                           Duration totalTimeout, int concurrency, int maxBodyBytes, boolean allowPrivate) {

    public static final Set<ProbeType> SUPPORTED = EnumSet.of(ProbeType.HTTP, ProbeType.TCP, ProbeType.DNS);

    public ProberConfig {
        if (vantage == null) {
            throw new IllegalArgumentException("--vantage-name is required");
        }
        positive("--interval", interval, Duration.ofSeconds(1));
        if (types == null || types.isEmpty() || !SUPPORTED.containsAll(types)) {
            throw new IllegalArgumentException("--types " + types + ": a non-empty subset of http, tcp, dns");
        }
        types = Set.copyOf(types);
        positive("--dns-timeout", dnsTimeout, Duration.ofMillis(1));
        positive("--connect-timeout", connectTimeout, Duration.ofMillis(1));
        positive("--tls-timeout", tlsTimeout, Duration.ofMillis(1));
        positive("--first-byte-timeout", firstByteTimeout, Duration.ofMillis(1));
        positive("--total-timeout", totalTimeout, Duration.ofMillis(1));
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("--concurrency " + concurrency + ": 1..1024");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("max body bytes " + maxBodyBytes + ": must be >= 0");
        }
    }

    /** 60 s rounds of HTTP, TCP and DNS; 5 s per phase, 15 s in all; 16 probes at once; public addresses only. */
    public static ProberConfig defaults(Vantage vantage) {
        return new ProberConfig(vantage, Duration.ofSeconds(60), SUPPORTED, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(15),
                16, 1 << 20, false);
    }

    public ProberConfig withTypes(Set<ProbeType> t) {
        return new ProberConfig(vantage, interval, t, dnsTimeout, connectTimeout, tlsTimeout, firstByteTimeout,
                totalTimeout, concurrency, maxBodyBytes, allowPrivate);
    }

    public ProberConfig withTimeouts(Duration phase, Duration total) {
        return new ProberConfig(vantage, interval, types, phase, phase, phase, phase, total, concurrency,
                maxBodyBytes, allowPrivate);
    }

    public ProberConfig withInterval(Duration i) {
        return new ProberConfig(vantage, i, types, dnsTimeout, connectTimeout, tlsTimeout, firstByteTimeout,
                totalTimeout, concurrency, maxBodyBytes, allowPrivate);
    }

    public ProberConfig withConcurrency(int c) {
        return new ProberConfig(vantage, interval, types, dnsTimeout, connectTimeout, tlsTimeout, firstByteTimeout,
                totalTimeout, c, maxBodyBytes, allowPrivate);
    }

    public ProberConfig withAllowPrivate(boolean allow) {
        return new ProberConfig(vantage, interval, types, dnsTimeout, connectTimeout, tlsTimeout, firstByteTimeout,
                totalTimeout, concurrency, maxBodyBytes, allow);
    }

    /** "http,tcp,dns" (any case, any order) to probe types; names the option on a bad value. */
    public static Set<ProbeType> parseTypes(String csv) {
        Set<ProbeType> out = EnumSet.noneOf(ProbeType.class);
        for (String s : csv.split(",")) {
            String t = s.strip().toUpperCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            ProbeType type;
            try {
                type = ProbeType.valueOf(t);
            } catch (IllegalArgumentException e) {
                type = null;
            }
            if (type == null || !SUPPORTED.contains(type)) {
                throw new IllegalArgumentException("--types: '" + s.strip() + "' is not one of http, tcp, dns");
            }
            out.add(type);
        }
        return out;
    }

    private static void positive(String option, Duration d, Duration min) {
        if (d == null || d.compareTo(min) < 0) {
            throw new IllegalArgumentException(option + " " + d + ": must be at least " + min);
        }
    }
}
