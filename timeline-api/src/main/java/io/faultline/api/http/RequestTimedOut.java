package io.faultline.api.http;

import java.time.Duration;

/** A handler did not finish within the request timeout; answered 504. */
public final class RequestTimedOut extends RuntimeException {

    public RequestTimedOut(Duration timeout) {
        super("the request did not complete within " + timeout.toMillis() + " ms");
    }
}
