package io.faultline.ingestion.social.stream;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

import io.faultline.ingestion.statuspage.AddressGuard;

/**
 * A configured base URL: validated at start-up (naming the setting) and checked against
 * {@link AddressGuard} before every connection, so a configured URL cannot make the ingester reach
 * loopback, private or metadata addresses unless private addresses are explicitly allowed. Limit:
 * the HTTP client resolves the name again when it connects; a DNS answer that changes in between
 * is not caught (redirects are never followed, so they cannot bypass the check).
 */
public record Endpoint(String setting, URI uri, boolean allowPrivate) {

    public Endpoint {
        if (uri == null) {
            throw new IllegalArgumentException(setting + ": required");
        }
    }

    /** Parses and validates {@code value} for {@code setting}; {@code schemes} are the accepted URL schemes. */
    public static Endpoint of(String setting, String value, Set<String> schemes, boolean allowPrivate) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " '" + value + "': not a URL (" + e.getMessage() + ")");
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
            throw new IllegalArgumentException(setting + " '" + value + "': must be an absolute URL with scheme "
                    + String.join(" or ", schemes.stream().sorted().toList()) + " and a host");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(setting + " '" + value
                    + "': credentials in the URL are not accepted; tokens come from the environment");
        }
        return new Endpoint(setting, uri, allowPrivate);
    }

    /** Resolves the host now and refuses it if any of its addresses is not allowed. */
    public void check() throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
            Optional<String> refusal = AddressGuard.refusal(a, allowPrivate);
            if (refusal.isPresent()) {
                throw new StreamFailure(setting + " '" + uri.getHost() + "' resolves to " + a.getHostAddress() + ": "
                        + refusal.get() + (allowPrivate ? "" : "; use --allow-private-addresses for a local server"));
            }
        }
    }

    /** {@code path} appended to the base URL's path (the base may itself have a path prefix). */
    public URI resolve(String pathAndQuery) {
        String base = uri.toString();
        int q = base.indexOf('?');
        if (q >= 0) {
            base = base.substring(0, q);
        }
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + pathAndQuery);
    }
}
