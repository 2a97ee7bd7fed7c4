package io.faultline.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an Authorization header against the configured token in constant time. */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** True when the header is exactly "Bearer &lt;token&gt;". MessageDigest.isEqual does not stop at the first difference. */
    boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = authorizationHeader.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
