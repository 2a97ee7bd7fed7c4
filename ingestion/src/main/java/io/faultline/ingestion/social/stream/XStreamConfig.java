package io.faultline.ingestion.social.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the X filtered-stream client.
 *
 * @param base           API base URL (default {@value #DEFAULT_BASE_URL})
 * @param bearerToken    app-only bearer token, from {@value #ENV_BEARER_TOKEN} only; never printed
 * @param rules          the rules the stream must have (synced at start)
 * @param stallTimeout   reconnect when nothing, not even the ~20 s keep-alive, arrives for this long
 * @param requestTimeout for the rules requests and for the stream's response headers
 * @param maxLineBytes   longer stream lines are dead-lettered as TOO_LARGE instead of being buffered
 */
public record XStreamConfig(Endpoint base, String bearerToken, List<XRule> rules, Duration stallTimeout,
                            Duration requestTimeout, int maxLineBytes) implements SocialStreamConfig {

    public static final String ENV_BEARER_TOKEN = "FAULTLINE_X_BEARER_TOKEN";
    public static final String DEFAULT_BASE_URL = "https://api.x.com";
    /** X sends a keep-alive every 20 s; it often arrives a little late, so allow a margin. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

    public XStreamConfig {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new IllegalArgumentException(ENV_BEARER_TOKEN + " is not set: the X filtered stream needs an app-only "
                    + "bearer token in the environment variable " + ENV_BEARER_TOKEN);
        }
        rules = List.copyOf(rules);
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("x stall timeout must be positive, was " + stallTimeout);
        }
    }

    /** Defaults, with the token taken from {@code env}. */
    public static XStreamConfig of(String baseUrl, boolean allowPrivate, List<XRule> rules, Map<String, String> env) {
        return new XStreamConfig(Endpoint.of("--x-base-url", baseUrl, Set.of("https", "http"), allowPrivate),
                env.get(ENV_BEARER_TOKEN), rules, DEFAULT_STALL_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_LINE_BYTES);
    }

    public XStreamConfig withStallTimeout(Duration d) {
        return new XStreamConfig(base, bearerToken, rules, d, requestTimeout, maxLineBytes);
    }

    public XStreamConfig withMaxLineBytes(int n) {
        return new XStreamConfig(base, bearerToken, rules, stallTimeout, requestTimeout, n);
    }

    @Override
    public String toString() {
        return "XStreamConfig[base=" + base.uri() + ", bearerToken=(redacted), rules=" + rules.size()
                + ", stallTimeout=" + stallTimeout + "]";
    }
}
