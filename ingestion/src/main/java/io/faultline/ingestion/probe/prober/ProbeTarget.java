package io.faultline.ingestion.probe.prober;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One thing to probe: a host of a catalog entity. HTTP probes fetch {@code scheme://host:port/path},
 * TCP probes connect to {@code host:port}, DNS probes resolve {@code host}.
 *
 * @param targetId catalog id of the entity the host belongs to (the record key on raw.probe)
 */
public record ProbeTarget(String targetId, String host, int port, boolean tls, String path) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f:]+");

    public ProbeTarget {
        if (targetId == null || targetId.isBlank()) {
            throw new IllegalArgumentException("target id must not be empty");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("target " + targetId + ": '" + host + "' is not a host name or address");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("target " + targetId + ": port " + port + " is not 1..65535");
        }
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("target " + targetId + ": path '" + path + "' must start with '/' and be printable ASCII");
        }
    }

    /** {@code https://host/} (port 443) for a catalog domain. */
    public static ProbeTarget https(String targetId, String host) {
        return new ProbeTarget(targetId, host, 443, true, "/");
    }

    public String url() {
        String scheme = tls ? "https" : "http";
        boolean defaultPort = tls ? port == 443 : port == 80;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }
}
