package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.ingestion.statuspage.poll.FetchResult.Failure;
import io.faultline.ingestion.statuspage.poll.FetchResult.FailureKind;
import io.faultline.testsupport.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a local server that misbehaves on purpose. */
class HttpFetcherTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final byte[] OK = "{\"components\":[]}".getBytes();

    private final TestServer server = new TestServer();
    private final ManualClock clock = new ManualClock(T0);
    private final CountDownLatch release = new CountDownLatch(1);
    private final PollerConfig lab = PollerConfig.defaults().withAllowPrivateAddresses(true)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)).withMaxBodyBytes(1024 * 1024);

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    /** Short enough for a test, long enough for a cold JVM's first request. */
    private final PollerConfig impatient = lab.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1500));

    private FetchResult fetch(PollerConfig config, String path) {
        return new HttpFetcher(config, Resolver.SYSTEM, clock).fetch(server.uri(path), Validators.NONE);
    }

    @Test
    void slowHeadersTimeOut() {
        server.on("/slow", ex -> {
            await(release);
            TestServer.send(ex, 200, Map.of(), OK);
        });
        assertThat(fetch(impatient, "/slow")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(f.kind().retryable()).isTrue();
        });
    }

    @Test
    void aBodyThatStallsHalfWayTimesOutToo() {
        server.on("/stall", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked
            OutputStream out = ex.getResponseBody();
            out.write("{\"components\":[".getBytes());
            out.flush();
            await(release);
        });
        assertThat(fetch(impatient, "/stall")).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    }

    @Test
    void fiftyMegabytesAreCutAtTheCapWithoutBeingSent() throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicBoolean ended = new AtomicBoolean();
        server.on("/huge", ex -> {
            try {
                ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
                OutputStream out = ex.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                while (written.get() < FIFTY_MB) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
                out.close();
            } finally {
                ended.set(true);
            }
        });
        PollerConfig config = lab;

        FetchResult r = fetch(config, "/huge");

        assertThat(r).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TOO_LARGE);
            assertThat(f.reason()).contains("cap of " + config.maxBodyBytes());
            assertThat(f.sample()).hasSizeLessThanOrEqualTo(HttpFetcher.TOO_LARGE_SAMPLE_BYTES).isNotEmpty();
        });
        Awaitility.await("server handler ended (connection dropped)").atMost(Duration.ofSeconds(20)).untilTrue(ended);
        assertThat(written.get()).as("bytes the server got out before the client hung up").isLessThan(FIFTY_MB);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
        server.on("/declared", ex -> {
            ex.sendResponseHeaders(200, FIFTY_MB);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[16 * 1024]);
            out.flush();
            await(release);
        });
        assertThat(fetch(lab, "/declared")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TOO_LARGE);
            assertThat(f.reason()).contains("Content-Length " + FIFTY_MB);
        });
    }

    @Test
    void redirectsAreFollowedWithinTheBound() {
        server.on("/old", TestServer.status(301, Map.of("Location", "/new")));
        server.serve("/new", OK);
        server.on("/loop", TestServer.status(302, Map.of("Location", "/loop")));

        assertThat(fetch(lab, "/old")).isInstanceOfSatisfying(FetchResult.Body.class, b -> {
            assertThat(b.bytes()).isEqualTo(OK);
            assertThat(b.finalUri()).isEqualTo(server.uri("/new"));
        });
        assertThat(fetch(lab, "/loop")).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_REDIRECT));
        assertThat(server.hits("/loop")).isEqualTo(lab.maxRedirects() + 1);
    }

    @Test
    void loopbackIsRefusedBeforeAnyRequestWhenPrivateAddressesAreNotAllowed() {
        server.serve("/summary.json", OK);
        PollerConfig strict = lab.withAllowPrivateAddresses(false);

        assertThat(fetch(strict, "/summary.json")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REFUSED_ADDRESS);
            assertThat(f.reason()).contains("loopback").contains("--allow-private-addresses");
        });
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aRedirectToLoopbackIsRefusedWhenPrivateAddressesAreNotAllowed() {
        // "localhost" stands in for a public page here: the guard's resolver sees a public
        // (TEST-NET-3) address for it, while the JDK client, resolving for itself, reaches this local
        // server, which redirects to 127.0.0.1. That second hop must be refused without a request.
        Resolver publicName = host -> host.equals("localhost")
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10})}
                : InetAddress.getAllByName(host);
        server.on("/moved", TestServer.status(302, Map.of("Location", server.uri("/internal").toString())));
        server.serve("/internal", OK);
        PollerConfig strict = lab.withAllowPrivateAddresses(false);
        HttpFetcher fetcher = new HttpFetcher(strict, publicName, clock);

        FetchResult r = fetcher.fetch(URI.create("http://localhost:" + server.port() + "/moved"), Validators.NONE);

        assertThat(r).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REFUSED_ADDRESS);
            assertThat(f.uri()).isEqualTo(server.uri("/internal"));
        });
        assertThat(server.hits("/moved")).isEqualTo(1);
        assertThat(server.hits("/internal")).isZero();
    }

    @Test
    void theMetadataEndpointIsRefusedEvenWithPrivateAddressesAllowed() {
        server.on("/steal", TestServer.status(307, Map.of("Location", "http://169.254.169.254/latest/meta-data/")));
        assertThat(fetch(lab, "/steal")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REFUSED_ADDRESS);
            assertThat(f.reason()).contains("metadata");
        });
    }

    @Test
    void otherSchemesAndUnknownHostsAreRefused() {
        HttpFetcher fetcher = new HttpFetcher(lab, host -> {
            throw new UnknownHostException(host);
        }, clock);
        assertThat(fetcher.fetch(URI.create("http://nowhere.invalid/x"), Validators.NONE))
                .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.DNS));
        server.on("/file", TestServer.status(302, Map.of("Location", "file:///etc/passwd")));
        assertThat(fetch(lab, "/file")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REFUSED_ADDRESS);
            assertThat(f.reason()).contains("scheme 'file'");
        });
    }

    @Test
    void conditionalHeadersAreSentAndA304IsNotModified() {
        server.on("/p", ex -> {
            boolean fresh = "\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
            TestServer.send(ex, fresh ? 304 : 200, Map.of("ETag", "\"v1\"", "Last-Modified",
                    "Fri, 01 Mar 2024 10:05:00 GMT"), OK);
        });
        HttpFetcher fetcher = new HttpFetcher(lab, Resolver.SYSTEM, clock);

        FetchResult first = fetcher.fetch(server.uri("/p"), Validators.NONE);
        Validators v = ((FetchResult.Body) first).validators();
        FetchResult second = fetcher.fetch(server.uri("/p"), v);

        assertThat(v).isEqualTo(new Validators("\"v1\"", "Fri, 01 Mar 2024 10:05:00 GMT"));
        assertThat(second).isInstanceOf(FetchResult.NotModified.class);
        assertThat(server.requests.get(1).ifNoneMatch()).isEqualTo("\"v1\"");
        assertThat(server.requests.get(1).ifModifiedSince()).isEqualTo("Fri, 01 Mar 2024 10:05:00 GMT");
    }

    @Test
    void retryAfterIsReadFromA429AndA503() {
        server.on("/busy", TestServer.status(429, Map.of("Retry-After", "120")));
        server.on("/down", TestServer.status(503, Map.of("Retry-After", "Fri, 01 Mar 2024 12:05:00 GMT")));
        server.on("/gone", TestServer.status(404, Map.of()));

        assertThat(fetch(lab, "/busy")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.SERVER_BUSY);
            assertThat(f.retryAfter()).contains(Duration.ofSeconds(120));
        });
        assertThat(fetch(lab, "/down")).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.retryAfter()).contains(Duration.ofMinutes(5)));
        assertThat(fetch(lab, "/gone")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.HTTP_STATUS);
            assertThat(f.kind().retryable()).isFalse();
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
