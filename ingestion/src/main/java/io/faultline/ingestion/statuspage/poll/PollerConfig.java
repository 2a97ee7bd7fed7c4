package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Settings of the status-page poller, validated at construction: a bad value fails naming the
 * setting (as the CLI spells it) and the accepted range.
 *
 * @param interval              time between two polls of one page when nothing goes wrong
 * @param jitter                fraction of the interval added or removed at random, so pages on one
 *                              host do not fire together (0 = none, at most 0.5)
 * @param perHostConcurrency    requests in flight to one host at most
 * @param maxConcurrency        requests in flight overall at most (worker threads)
 * @param maxBodyBytes          a response body over this is cut off and reported, never buffered whole
 * @param connectTimeout        TCP + TLS connect limit
 * @param requestTimeout        limit for one request, headers and body together
 * @param maxRedirects          redirects followed per request (each hop's address is checked)
 * @param maxBackoff            cap on the wait after 429 / 5xx / timeouts, Retry-After included
 * @param allowPrivateAddresses fetch private, loopback and link-local addresses too (lab set-ups, tests)
 * @param userAgent             sent with every request so page operators can identify us
 */
public record PollerConfig(Duration interval, double jitter, int perHostConcurrency, int maxConcurrency,
                           long maxBodyBytes, Duration connectTimeout, Duration requestTimeout, int maxRedirects,
                           Duration maxBackoff, boolean allowPrivateAddresses, String userAgent) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final double DEFAULT_JITTER = 0.1;
    public static final int DEFAULT_PER_HOST_CONCURRENCY = 2;
    public static final int DEFAULT_MAX_CONCURRENCY = 16;
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(30);
    public static final String DEFAULT_USER_AGENT = "faultline-statuspage-poller/0.1 (+https://github.com/faultline)";

    /** Anything faster is a typo, not a poll rate (pages change at human speed; Statuspage caches ~30 s). */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public PollerConfig {
        require(interval != null && interval.compareTo(MIN_INTERVAL) >= 0, "--interval",
                interval, "a duration of at least " + MIN_INTERVAL);
        require(jitter >= 0 && jitter <= 0.5, "--jitter", jitter, "a fraction from 0 to 0.5");
        require(perHostConcurrency >= 1 && perHostConcurrency <= 64, "--per-host-concurrency",
                perHostConcurrency, "1 to 64");
        require(maxConcurrency >= 1 && maxConcurrency <= 512, "--max-concurrency", maxConcurrency, "1 to 512");
        require(maxBodyBytes >= 1024 && maxBodyBytes <= 256L * 1024 * 1024, "--max-body-bytes", maxBodyBytes,
                "1024 to 268435456 bytes");
        require(positive(connectTimeout), "--connect-timeout", connectTimeout, "a positive duration");
        require(positive(requestTimeout), "--request-timeout", requestTimeout, "a positive duration");
        require(maxRedirects >= 0 && maxRedirects <= 20, "--max-redirects", maxRedirects, "0 to 20");
        require(positive(maxBackoff), "--max-backoff", maxBackoff, "a positive duration");
        require(userAgent != null && !userAgent.isBlank(), "user agent", userAgent, "a non-empty string");
    }

    public static PollerConfig defaults() {
        return new PollerConfig(DEFAULT_INTERVAL, DEFAULT_JITTER, DEFAULT_PER_HOST_CONCURRENCY,
                DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_BODY_BYTES, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_BACKOFF, false, DEFAULT_USER_AGENT);
    }

    public PollerConfig withInterval(Duration v) {
        return with(c -> c.interval = v);
    }

    public PollerConfig withJitter(double v) {
        return with(c -> c.jitter = v);
    }

    public PollerConfig withPerHostConcurrency(int v) {
        return with(c -> c.perHostConcurrency = v);
    }

    public PollerConfig withMaxConcurrency(int v) {
        return with(c -> c.maxConcurrency = v);
    }

    public PollerConfig withMaxBodyBytes(long v) {
        return with(c -> c.maxBodyBytes = v);
    }

    public PollerConfig withTimeouts(Duration connect, Duration request) {
        return with(c -> {
            c.connectTimeout = connect;
            c.requestTimeout = request;
        });
    }

    public PollerConfig withMaxBackoff(Duration v) {
        return with(c -> c.maxBackoff = v);
    }

    public PollerConfig withAllowPrivateAddresses(boolean v) {
        return with(c -> c.allowPrivateAddresses = v);
    }

    /** This config with {@code change} applied (and validated again), the constructor's arguments written once. */
    private PollerConfig with(Consumer<Settings> change) {
        Settings c = new Settings(this);
        change.accept(c);
        return new PollerConfig(c.interval, c.jitter, c.perHostConcurrency, c.maxConcurrency, c.maxBodyBytes,
                c.connectTimeout, c.requestTimeout, c.maxRedirects, c.maxBackoff, c.allowPrivateAddresses, c.userAgent);
    }

    /** A mutable copy of the settings, for the withers. */
    private static final class Settings {
        Duration interval;
        double jitter;
        int perHostConcurrency;
        int maxConcurrency;
        long maxBodyBytes;
        Duration connectTimeout;
        Duration requestTimeout;
        int maxRedirects;
        Duration maxBackoff;
        boolean allowPrivateAddresses;
        String userAgent;

        Settings(PollerConfig p) {
            interval = p.interval;
            jitter = p.jitter;
            perHostConcurrency = p.perHostConcurrency;
            maxConcurrency = p.maxConcurrency;
            maxBodyBytes = p.maxBodyBytes;
            connectTimeout = p.connectTimeout;
            requestTimeout = p.requestTimeout;
            maxRedirects = p.maxRedirects;
            maxBackoff = p.maxBackoff;
            allowPrivateAddresses = p.allowPrivateAddresses;
            userAgent = p.userAgent;
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String setting, Object value, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException(setting + ": '" + value + "' is not valid; accepted: " + accepted);
        }
    }
}
