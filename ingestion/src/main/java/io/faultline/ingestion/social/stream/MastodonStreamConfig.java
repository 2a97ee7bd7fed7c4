package io.faultline.ingestion.social.stream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of the Mastodon streaming client.
 *
 * @param base         the instance (or its streaming host) base URL, e.g. https://mastodon.social
 * @param hashtags     one SSE connection per hashtag ({@code /api/v1/streaming/hashtag?tag=…})
 * @param publicStream also (or, without hashtags, only) {@code /api/v1/streaming/public}
 * @param accessToken  from {@value #ENV_ACCESS_TOKEN}; many servers require one for streaming
 * @param stallTimeout reconnect when nothing, not even the {@code :thump} heartbeat, arrives for this long
 */
public record MastodonStreamConfig(Endpoint base, List<String> hashtags, boolean publicStream,
                                   Optional<String> accessToken, Duration stallTimeout, Duration requestTimeout,
                                   int maxLineBytes) implements SocialStreamConfig {

    public static final String ENV_ACCESS_TOKEN = "FAULTLINE_MASTODON_ACCESS_TOKEN";
    public static final String DEFAULT_BASE_URL = "https://mastodon.social";
    /** Mastodon's streaming server sends a heartbeat comment about every 15 s. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(45);
    private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]+");

    public MastodonStreamConfig {
        hashtags = List.copyOf(hashtags);
        for (String h : hashtags) {
            if (!HASHTAG.matcher(h).matches()) {
                throw new IllegalArgumentException("--mastodon-hashtag '" + h
                        + "': letters, digits and '_' only, without the '#'");
            }
        }
        accessToken = accessToken.filter(t -> !t.isBlank());
    }

    public static MastodonStreamConfig of(String baseUrl, boolean allowPrivate, List<String> hashtags, boolean publicStream,
                                          Map<String, String> env) {
        List<String> tags = hashtags.stream().map(h -> h.startsWith("#") ? h.substring(1) : h).toList();
        return new MastodonStreamConfig(Endpoint.of("--mastodon-url", baseUrl, Set.of("https", "http"), allowPrivate),
                tags, publicStream || tags.isEmpty(), Optional.ofNullable(env.get(ENV_ACCESS_TOKEN)),
                DEFAULT_STALL_TIMEOUT, Duration.ofSeconds(20), 4 << 20);
    }

    public MastodonStreamConfig withStallTimeout(Duration d) {
        return new MastodonStreamConfig(base, hashtags, publicStream, accessToken, d, requestTimeout, maxLineBytes);
    }

    /** The SSE paths to follow, one connection each. */
    public List<String> streamPaths() {
        List<String> out = new ArrayList<>();
        if (publicStream) {
            out.add("/api/v1/streaming/public");
        }
        hashtags.forEach(h -> out.add("/api/v1/streaming/hashtag?tag=" + URLEncoder.encode(h, StandardCharsets.UTF_8)));
        return out;
    }

    @Override
    public String toString() {
        return "MastodonStreamConfig[base=" + base.uri() + ", hashtags=" + hashtags + ", public=" + publicStream
                + ", accessToken=" + (accessToken.isPresent() ? "(redacted)" : "none") + "]";
    }
}
