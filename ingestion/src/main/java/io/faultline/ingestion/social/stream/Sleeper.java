package io.faultline.ingestion.social.stream;

import java.time.Duration;

/** Waits between reconnects; injected so tests can assert back-off without waiting for it. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
