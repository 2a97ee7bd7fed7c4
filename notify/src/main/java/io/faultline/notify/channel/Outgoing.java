package io.faultline.notify.channel;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** One HTTP POST a channel wants sent: where, with which headers, and the exact body bytes (signatures cover them). */
public record Outgoing(URI uri, Map<String, String> headers, byte[] body) {

    public Outgoing {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
