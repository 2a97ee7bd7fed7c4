package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.faultline.avro.StatusPagePollerState;
import io.faultline.ingestion.CollectingSink;
import io.faultline.testsupport.ManualClock;
import org.junit.jupiter.api.AfterEach;

/**
 * What a poller test polls against: status pages served on loopback, a clock the test moves and a
 * sink that keeps what the poller publishes. The server is closed after each test.
 */
abstract class LocalPages {

    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(60);

    final TestServer server = new TestServer();
    final ManualClock clock = new ManualClock(T0);
    final CollectingSink sink = new CollectingSink();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Defaults for a server on loopback: private addresses allowed, {@link #INTERVAL} between polls. */
    static PollerConfig lab() {
        return PollerConfig.defaults().withAllowPrivateAddresses(true).withInterval(INTERVAL);
    }

    /** A poller of {@code c} against this test's clock and sink. */
    PagePoller poller(PollerConfig c, Map<String, StatusPagePollerState> restored) {
        return new PagePoller(c, new HttpFetcher(c, Resolver.SYSTEM, clock), sink, clock, restored);
    }
}
