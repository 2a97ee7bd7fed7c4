package io.faultline.ingestion.probe.prober;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;

import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;

/** Probes against servers this test starts on the loopback interface: fast, failing, slow, closing, TLS, refusing. */
class ProbeRunnerTest {

    static final Instant T0 = Instant.parse("2025-10-20T07:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final Vantage VANTAGE = new Vantage("lab-1", "eu-central", 3320L, "de");
    /** Names under .test resolve to the loopback address here; everything else goes to the system resolver. */
    static final HostResolver RESOLVER = host -> host.endsWith(".test") || host.equals("localhost")
            ? List.of(InetAddress.getByName("127.0.0.1")) : HostResolver.SYSTEM.resolve(host);

    final ExecutorService dnsPool = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    HttpServer http;

    @BeforeEach
    void startServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/", ex -> {
            byte[] body = "all good".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        http.createContext("/slow", ex -> {
            try {
                release.await(); // never answers before the test has its result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop(0);
        dnsPool.shutdownNow();
    }

    ProbeRunner runner(ProberConfig config, SSLSocketFactory tls) {
        return new ProbeRunner(config, RESOLVER, tls, CLOCK, System::nanoTime, dnsPool);
    }

    ProbeRunner runner() {
        return runner(ProberConfig.defaults(VANTAGE).withAllowPrivate(true), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    ProbeTarget plain(String path) {
        return new ProbeTarget("shop", "shop.test", http.getAddress().getPort(), false, path);
    }

    static void assertTimingsOrdered(ProbeResult r) {
        List<Double> marks = java.util.stream.Stream.of(r.getDnsMs(), r.getConnectMs(), r.getTlsMs(), r.getFirstByteMs(), r.getTotalMs())
                .filter(java.util.Objects::nonNull).toList();
        assertThat(marks).isSorted().allSatisfy(m -> assertThat(m).isBetween(0.0, 60_000.0));
    }

    @Test
    void httpOkHasEveryPhaseTimedInOrderAndTheVantageTagged() {
        ProbeResult r = runner().run(plain("/"), ProbeType.HTTP);

        assertThat(r.getSuccess()).isTrue();
        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.NONE);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getSource()).isEqualTo(ProbeSource.FAULTLINE_PROBER);
        assertThat(r.getTargetId()).isEqualTo("shop");
        assertThat(r.getTargetHost()).isEqualTo("http://shop.test:" + http.getAddress().getPort() + "/");
        assertThat(r.getTargetAddress()).isEqualTo("127.0.0.1");
        assertThat(r.getVantage()).isEqualTo("lab-1");
        assertThat(r.getVantageRegion()).isEqualTo("eu-central");
        assertThat(r.getVantageAsn()).isEqualTo(3320L);
        assertThat(r.getVantageCountry()).isEqualTo("DE");
        assertThat(r.getEventTime()).isEqualTo(T0);
        assertThat(r.getDnsMs()).isNotNull();
        assertThat(r.getConnectMs()).isNotNull();
        assertThat(r.getTlsMs()).isNull();
        assertThat(r.getFirstByteMs()).isNotNull();
        assertThat(r.getTotalMs()).isNotNull();
        assertTimingsOrdered(r);
    }

    @Test
    void http500IsAnHttpErrorWithItsStatus() {
        ProbeResult r = runner().run(plain("/broken"), ProbeType.HTTP);

        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.HTTP_ERROR);
        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(r.getError()).startsWith("HTTP 500");
        assertTimingsOrdered(r);
    }

    @Test
    void aServerThatNeverAnswersTimesOutInTheFirstBytePhase() {
        ProberConfig config = ProberConfig.defaults(VANTAGE).withAllowPrivate(true)
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(10));
        ProbeResult r = runner(config, (SSLSocketFactory) SSLSocketFactory.getDefault()).run(plain("/slow"), ProbeType.HTTP);

        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.TIMEOUT);
        assertThat(r.getError()).startsWith("first-byte:");
        assertThat(r.getConnectMs()).isNotNull();
        assertThat(r.getFirstByteMs()).isNull();
        assertThat(r.getTotalMs()).isGreaterThanOrEqualTo(300.0).isLessThan(10_000.0);
        assertTimingsOrdered(r);
    }

    @Test
    void theTotalLimitCutsAProbeShortEvenWhenEachPhaseIsWithinItsOwn() {
        ProberConfig config = ProberConfig.defaults(VANTAGE).withAllowPrivate(true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400));
        ProbeResult r = runner(config, (SSLSocketFactory) SSLSocketFactory.getDefault()).run(plain("/slow"), ProbeType.HTTP);

        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.TIMEOUT);
        assertThat(r.getTotalMs()).isGreaterThanOrEqualTo(300.0).isLessThan(5_000.0);
    }

    @Test
    void aServerThatClosesTheConnectionIsOtherWithTheReason() throws Exception {
        try (ServerSocket closer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = closer.accept()) {
                    s.getInputStream().read(); // the request has started; hang up without a word
                } catch (IOException ignored) {
                    // the test asserts on the client side
                }
            });
            t.start();
            ProbeResult r = runner().run(new ProbeTarget("shop", "shop.test", closer.getLocalPort(), false, "/"), ProbeType.HTTP);
            t.join(10_000);

            assertThat(r.getSuccess()).isFalse();
            assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.OTHER);
            assertThat(r.getError()).contains("closed before any response byte");
            assertThat(r.getConnectMs()).isNotNull();
        }
    }

    @Test
    void garbageInsteadOfHttpIsOtherNamingWhatCameBack() throws Exception {
        try (ServerSocket liar = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = liar.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException ignored) {
                    // the test asserts on the client side
                }
            });
            t.start();
            ProbeResult r = runner().run(new ProbeTarget("shop", "shop.test", liar.getLocalPort(), false, "/"), ProbeType.HTTP);
            t.join(10_000);

            assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.OTHER);
            assertThat(r.getError()).contains("not an HTTP response").contains("SSH-2.0");
            assertThat(r.getFirstByteMs()).isNotNull();
        }
    }

    @Test
    void tlsIsTimedBetweenConnectAndFirstByteWhenTheCertificateIsTrusted(@TempDir Path dir) throws Exception {
        Path ks = TestServers.selfSignedKeyStore(dir);
        HttpsServer https = TestServers.https(ks);
        https.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        https.start();
        try {
            ProbeTarget target = new ProbeTarget("shop", "localhost", https.getAddress().getPort(), true, "/");
            ProbeResult r = runner(ProberConfig.defaults(VANTAGE).withAllowPrivate(true), TestServers.trusting(ks))
                    .run(target, ProbeType.HTTP);

            assertThat(r.getSuccess()).as(String.valueOf(r.getError())).isTrue();
            assertThat(r.getStatusCode()).isEqualTo(204);
            assertThat(r.getTlsMs()).isNotNull().isGreaterThan(r.getConnectMs());
            assertThat(r.getFirstByteMs()).isGreaterThanOrEqualTo(r.getTlsMs());
            assertTimingsOrdered(r);

            ProbeResult untrusted = runner().run(target, ProbeType.HTTP);
            assertThat(untrusted.getSuccess()).isFalse();
            assertThat(untrusted.getErrorKind()).isEqualTo(ProbeErrorKind.TLS_FAILURE);
            assertThat(untrusted.getError()).startsWith("tls:");
            assertThat(untrusted.getTlsMs()).isNull();
        } finally {
            https.stop(0);
        }
    }

    @Test
    void tlsSpokenToAPlainHttpServerFailsInTheHandshake() {
        ProbeTarget target = new ProbeTarget("shop", "localhost", http.getAddress().getPort(), true, "/");
        ProberConfig config = ProberConfig.defaults(VANTAGE).withAllowPrivate(true)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5));
        ProbeResult r = runner(config, (SSLSocketFactory) SSLSocketFactory.getDefault()).run(target, ProbeType.HTTP);
        assertThat(r.getErrorKind()).isIn(ProbeErrorKind.TLS_FAILURE, ProbeErrorKind.TIMEOUT);
        assertThat(r.getError()).startsWith("tls:");
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        ProbeResult r = runner().run(new ProbeTarget("shop", "shop.test", port, false, "/"), ProbeType.TCP);

        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.CONNECT_REFUSED);
        assertThat(r.getError()).startsWith("connect:");
        assertThat(r.getConnectMs()).isNull();
        assertThat(r.getDnsMs()).isNotNull();
    }

    @Test
    void tcpProbeOfAListeningPortSucceedsWithConnectAsTotal() {
        ProbeResult r = runner().run(plain("/"), ProbeType.TCP);

        assertThat(r.getSuccess()).isTrue();
        assertThat(r.getProbeType()).isEqualTo(ProbeType.TCP);
        assertThat(r.getTotalMs()).isEqualTo(r.getConnectMs());
        assertThat(r.getFirstByteMs()).isNull();
        assertTimingsOrdered(r);
    }

    @Test
    void anUnresolvableNameIsADnsFailure() {
        ProberConfig config = ProberConfig.defaults(VANTAGE).withTypes(Set.of(ProbeType.DNS));
        ProbeResult r = runner(config, (SSLSocketFactory) SSLSocketFactory.getDefault())
                .run(ProbeTarget.https("ghost", "nonexistent.invalid"), ProbeType.DNS);

        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.DNS_FAILURE);
        assertThat(r.getError()).startsWith("dns:");
        assertThat(r.getDnsMs()).isNull();
        assertThat(r.getTargetAddress()).isNull();
    }

    @Test
    void aResolverThatHangsIsAbandonedAfterTheDnsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        HostResolver hanging = host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        ProberConfig config = ProberConfig.defaults(VANTAGE).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5));
        ProbeResult r = new ProbeRunner(config, hanging, (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK,
                System::nanoTime, dnsPool).run(ProbeTarget.https("ghost", "slow.example"), ProbeType.DNS);

        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.DNS_FAILURE);
        assertThat(r.getError()).contains("longer than 200 ms");
        assertThat(r.getTotalMs()).isGreaterThanOrEqualTo(190.0).isLessThan(5_000.0);
    }

    @Test
    void aDnsProbeRecordsTheResolvedAddress() {
        ProbeResult r = runner().run(plain("/"), ProbeType.DNS);

        assertThat(r.getSuccess()).isTrue();
        assertThat(r.getTargetAddress()).isEqualTo("127.0.0.1");
        assertThat(r.getTotalMs()).isEqualTo(r.getDnsMs());
    }

    @Test
    void loopbackIsRefusedByTheAddressGuardUnlessPrivateAddressesAreAllowed() {
        ProbeRunner guarded = runner(ProberConfig.defaults(VANTAGE), (SSLSocketFactory) SSLSocketFactory.getDefault());
        ProbeResult r = guarded.run(plain("/"), ProbeType.HTTP);

        assertThat(r.getSuccess()).isFalse();
        assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.OTHER);
        assertThat(r.getError()).contains("address guard").contains("127.0.0.1").contains("loopback");
        assertThat(r.getConnectMs()).isNull();
        assertThat(runner().run(plain("/"), ProbeType.HTTP).getSuccess()).isTrue();
    }
}
