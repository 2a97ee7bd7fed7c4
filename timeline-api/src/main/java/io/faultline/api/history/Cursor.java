package io.faultline.api.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Keyset pagination position: the (openedAt, id) of the last incident of a page. Opaque to
 * clients (base64url of {@code millis:id}); stable under inserts, unlike an offset.
 */
public record Cursor(Instant openedAt, String id) {

    public Cursor {
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String plain = openedAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if the text is not a cursor this API produced */
    public static Cursor decode(String text) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        int colon = plain.indexOf(':');
        if (colon <= 0 || colon == plain.length() - 1) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        try {
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))), plain.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
    }
}
