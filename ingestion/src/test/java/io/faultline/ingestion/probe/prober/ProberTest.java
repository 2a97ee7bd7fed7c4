package io.faultline.ingestion.probe.prober;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeType;
import io.faultline.ingestion.catalog.CatalogYaml;

class ProberTest {

    static final Instant T0 = Instant.parse("2025-10-20T07:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final HostResolver LOOPBACK = host -> List.of(InetAddress.getByName("127.0.0.1"));

    @Test
    void aRoundProbesEveryTargetWithEveryTypeAndNeverExceedsTheConcurrencyLimit() throws IOException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch hold = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                hold.await(50, TimeUnit.MILLISECONDS); // a slow server, so that probes overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/down") ? 503 : 200, -1);
            ex.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        List<ProbeTarget> targets = new ArrayList<>(IntStream.range(0, 9)
                .mapToObj(i -> new ProbeTarget("svc-" + i, "svc" + i + ".test", port, false, "/")).toList());
        targets.add(new ProbeTarget("svc-down", "down.test", port, false, "/down"));
        List<ProbeResult> sink = Collections.synchronizedList(new ArrayList<>());
        ProberConfig config = ProberConfig.defaults(new Vantage("lab-1", null, null, null))
                .withAllowPrivate(true).withConcurrency(3);
        try (Prober prober = new Prober(config, targets, sink::add, LOOPBACK,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK)) {
            RoundSummary round = prober.runOnce();

            assertThat(round.probes()).isEqualTo(30);
            assertThat(round.succeeded()).isEqualTo(29);
            assertThat(round.failures()).containsExactly(java.util.Map.entry(ProbeErrorKind.HTTP_ERROR, 1));
            assertThat(sink).hasSize(30);
            assertThat(sink.stream().collect(Collectors.groupingBy(ProbeResult::getProbeType, Collectors.counting())))
                    .containsOnlyKeys(ProbeType.HTTP, ProbeType.TCP, ProbeType.DNS).allSatisfy((k, v) -> assertThat(v).isEqualTo(10));
            assertThat(sink).extracting(ProbeResult::getResultId).doesNotHaveDuplicates();
            assertThat(maxInFlight.get()).isBetween(1, 3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void startedProberRunsRoundsUntilClosed() throws Exception {
        List<RoundSummary> rounds = Collections.synchronizedList(new ArrayList<>());
        ProberConfig config = ProberConfig.defaults(new Vantage("lab-1", null, null, null))
                .withTypes(Set.of(ProbeType.DNS)).withInterval(java.time.Duration.ofSeconds(1));
        try (Prober prober = new Prober(config, List.of(ProbeTarget.https("a", "a.test")), r -> { }, LOOPBACK,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK)) {
            CountDownLatch twoRounds = new CountDownLatch(2);
            prober.start(r -> {
                rounds.add(r);
                twoRounds.countDown();
            });
            assertThat(twoRounds.await(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(rounds).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r.succeeded()).isEqualTo(1));
    }

    @Test
    void aSinkThatFailsEndsTheScheduleAndReportsWhy() throws Exception {
        ProberConfig config = ProberConfig.defaults(new Vantage("lab-1", null, null, null))
                .withTypes(Set.of(ProbeType.DNS)).withInterval(java.time.Duration.ofSeconds(1));
        CountDownLatch failed = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<RuntimeException> why = new java.util.concurrent.atomic.AtomicReference<>();
        try (Prober prober = new Prober(config, List.of(ProbeTarget.https("a", "a.test")), r -> {
            throw new IllegalStateException("broker gone");
        }, LOOPBACK, (SSLSocketFactory) SSLSocketFactory.getDefault(), CLOCK)) {
            var schedule = prober.start(r -> { }, e -> {
                why.set(e);
                failed.countDown();
            });
            assertThat(failed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(why.get()).isInstanceOf(IllegalStateException.class).hasMessage("broker gone");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> schedule.get(20, TimeUnit.SECONDS))
                    .as("the schedule has ended").isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .hasRootCauseMessage("broker gone");
        }
    }

    @Test
    void theProjectCatalogGivesOneHttpsTargetPerServiceDomain() {
        Path catalog = Path.of(System.getProperty("faultline.home", "..")).resolve("catalog");
        List<CatalogEntry> entries = CatalogYaml.load(catalog, T0).requireValid();
        List<String> problems = new ArrayList<>();
        List<ProbeTarget> targets = CatalogTargets.of(entries, problems::add);

        long domains = entries.stream().filter(e -> e.getKind() == EntityKind.SERVICE).mapToLong(e -> e.getDomains().size()).sum();
        assertThat(problems).isEmpty();
        assertThat(targets).hasSize((int) domains).isNotEmpty();
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.port()).isEqualTo(443);
            assertThat(t.tls()).isTrue();
        });
        assertThat(targets).anySatisfy(t -> {
            assertThat(t.targetId()).isEqualTo("coinbase");
            assertThat(t.host()).isEqualTo("coinbase.com");
        });
        Set<String> serviceIds = entries.stream().filter(e -> e.getKind() == EntityKind.SERVICE)
                .map(CatalogEntry::getEntityId).collect(Collectors.toSet());
        assertThat(targets).extracting(ProbeTarget::targetId).allMatch(serviceIds::contains);
    }
}
