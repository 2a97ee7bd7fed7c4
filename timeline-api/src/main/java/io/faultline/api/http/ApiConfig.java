package io.faultline.api.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the timeline API, validated when built.
 *
 * @param port           TCP port, 0 for any free port
 * @param bearerToken    required bearer token for /api/*, empty for no authentication
 * @param corsOrigins    origins allowed by CORS ("*" for any), empty for no CORS headers
 * @param requestTimeout longest a history request may run before a 504
 */
public record ApiConfig(int port, Optional<String> bearerToken, List<String> corsOrigins, Duration requestTimeout) {

    public static final String TOKEN_ENV = "FAULTLINE_API_TOKEN";

    public ApiConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be 0..65535, was " + port);
        }
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (bearerToken.isPresent() && bearerToken.get().isBlank()) {
            bearerToken = Optional.empty();
        }
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("cors origin: must be '*' or scheme://host[:port], was '" + origin + "'");
            }
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("request timeout: must be between 1 ms and 5 minutes, was " + requestTimeout);
        }
    }

    /** The token, if any, from {@value #TOKEN_ENV} (never from arguments: they show in process lists). */
    public static Optional<String> tokenFromEnvironment() {
        return Optional.ofNullable(System.getenv(TOKEN_ENV)).filter(t -> !t.isBlank());
    }
}
