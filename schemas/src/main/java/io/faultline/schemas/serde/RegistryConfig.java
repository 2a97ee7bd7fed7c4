package io.faultline.schemas.serde;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a schema registry that speaks the Confluent Schema Registry REST API (Confluent,
 * Redpanda, Karapace, Apicurio's {@code /apis/ccompat/v7}).
 *
 * @param urls          base URLs, tried in order
 * @param autoRegister  register unknown schemas on first write; turn off in production so that
 *                      only schemas registered by a release (CI) can be written
 * @param userInfo      {@code user:password} for HTTP basic auth, from the environment, or empty
 * @param bearerToken   bearer token, from the environment, or empty
 */
public record RegistryConfig(List<URI> urls, boolean autoRegister, Optional<String> userInfo,
                             Optional<String> bearerToken) {

    /** Environment variable holding {@code user:password} for the registry. */
    public static final String ENV_USER_INFO = "FAULTLINE_REGISTRY_USER_INFO";
    /** Environment variable holding a bearer token for the registry. */
    public static final String ENV_BEARER_TOKEN = "FAULTLINE_REGISTRY_BEARER_TOKEN";

    public RegistryConfig {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("schema registry url: at least one URL is required");
        }
        for (URI u : urls) {
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("schema registry url '" + u + "': must be an http:// or https:// URL");
            }
        }
        urls = List.copyOf(urls);
        userInfo = userInfo.filter(s -> !s.isBlank());
        bearerToken = bearerToken.filter(s -> !s.isBlank());
    }

    /** A registry at one URL, credentials taken from the process environment. */
    public static RegistryConfig of(String commaSeparatedUrls, boolean autoRegister) {
        return of(commaSeparatedUrls, autoRegister, System.getenv());
    }

    /** A registry at one or more URLs, credentials taken from {@code env}. */
    public static RegistryConfig of(String commaSeparatedUrls, boolean autoRegister, Map<String, String> env) {
        if (commaSeparatedUrls == null || commaSeparatedUrls.isBlank()) {
            throw new IllegalArgumentException("schema registry url: required (e.g. http://localhost:8081)");
        }
        List<URI> urls;
        try {
            urls = java.util.Arrays.stream(commaSeparatedUrls.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schema registry url '" + commaSeparatedUrls + "': not a URL: " + e.getMessage(), e);
        }
        return new RegistryConfig(urls, autoRegister,
                Optional.ofNullable(env.get(ENV_USER_INFO)), Optional.ofNullable(env.get(ENV_BEARER_TOKEN)));
    }

    public RegistryConfig withAutoRegister(boolean on) {
        return new RegistryConfig(urls, on, userInfo, bearerToken);
    }
}
