package io.faultline.bench.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.faultline.api.http.ApiConfig;
import io.faultline.api.http.TimelineApi;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.model.CauseView;
import io.faultline.api.model.EventView;
import io.faultline.api.model.EvidenceView;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.MemberView;

/**
 * Open-loop load on the timeline API's live endpoints (see {@link OpenLoopLoad}: requests are due
 * on a fixed schedule whatever the answers do, sent over a fixed pool of keep-alive connections,
 * and each latency is measured from when the request was due, so a stall shows up in the
 * percentiles instead of slowing the load down). Prints answered req/s, errors and p50/p90/p99/max.
 *
 * <p>Three ways to run it:
 * <ul>
 *   <li>no {@code --url}, no {@code --serve}: server and client in this JVM (they share its CPUs and GC);</li>
 *   <li>{@code --serve PORT}: only the server, over the synthetic live store (20 open incidents of
 *       12 members, 2,000 services, made up for load only), until Ctrl-C;</li>
 *   <li>{@code --url http://host:port}: only the client, against a server in another process (the
 *       fairer measurement: the server's JIT, GC and threads do not compete with the client's in one JVM).</li>
 * </ul>
 * The bearer token sent (and required by {@code --serve}) is {@code FAULTLINE_API_TOKEN}, or
 * {@code bench-token} when unset.
 *
 * <pre>
 * java -cp benchmarks/target/faultline-bench.jar io.faultline.bench.api.ApiLoadBenchmark --serve 18080 &amp;
 * java -cp benchmarks/target/faultline-bench.jar io.faultline.bench.api.ApiLoadBenchmark --url http://127.0.0.1:18080 --rate 500 --seconds 20
 * </pre>
 */
public final class ApiLoadBenchmark {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    static final List<String> SYNTHETIC_PATHS = List.of("/api/v1/live/incidents", "/api/v1/live/services",
            "/api/v1/live/services/svc-17/health", "/api/v1/incidents/inc-3");
    static final int TIMEOUT_MILLIS = 10_000;
    static final long DRAIN_NANOS = 10_000_000_000L;

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        String token = ApiConfig.tokenFromEnvironment().orElse("bench-token");
        if (o.servePort() != null) {
            try (TimelineApi api = startServer(o.servePort(), token)) {
                System.out.printf("serving the synthetic live store on http://127.0.0.1:%d (bearer token from %s); Ctrl-C stops%n",
                        api.port(), ApiConfig.tokenFromEnvironment().isPresent() ? ApiConfig.TOKEN_ENV : "'bench-token'");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
            return;
        }
        if (o.url() != null) {
            measure(URI.create(o.url()), o, token, "server at " + o.url() + " (separate process)");
            return;
        }
        try (TimelineApi api = startServer(0, token)) {
            measure(URI.create("http://127.0.0.1:" + api.port()), o, token, "live store, server in this JVM");
        }
    }

    private static TimelineApi startServer(int port, String token) {
        return TimelineApi.start(new ApiConfig(port, Optional.of(token), List.of(), Duration.ofSeconds(5)), fill(),
                Optional.empty(), Clock.systemUTC());
    }

    private static void measure(URI base, Options o, String token, String where) throws InterruptedException {
        OpenLoopLoad load = new OpenLoopLoad(base, o.paths(), "Bearer " + token, o.connections(), TIMEOUT_MILLIS, DRAIN_NANOS);
        if (o.warmupSeconds() > 0) {
            load.run(o.rate(), o.warmupSeconds()); // JIT and connection warm-up, not reported
        }
        OpenLoopLoad.Result r = load.run(o.rate(), o.seconds());
        System.out.printf("timeline API, %s: open loop at %d req/s for %d s over %d keep-alive connections (%d paths, bearer auth on)%n",
                where, o.rate(), o.seconds(), o.connections(), o.paths().size());
        System.out.printf("  requests %d, answered %d, errors %d, throughput %.1f req/s, %.0f KiB/s of bodies%n", r.sent(),
                r.latencies().length, r.errors(), r.throughput(), r.bodyBytes() / 1024.0 / r.seconds());
        if (r.firstError() != null) {
            System.out.println("  first error: " + r.firstError());
        }
        System.out.printf("  latency from the scheduled start: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                r.percentileMillis(50), r.percentileMillis(90), r.percentileMillis(99), r.maxMillis());
    }

    private static InMemoryLiveStore fill() {
        InMemoryLiveStore store = new InMemoryLiveStore();
        for (int s = 0; s < 2_000; s++) {
            store.accept(new HealthView("svc-" + s, s % 20 == 0 ? "DOWN" : "UP", "UP", 0.9, T0.plusSeconds(s), "us-east-1",
                    List.of(new EvidenceView("STATUS_PAGE", "synthetic", T0.plusSeconds(s), 1.0)), T0.plusSeconds(s)));
        }
        for (int i = 0; i < 20; i++) {
            List<MemberView> members = new ArrayList<>();
            List<EventView> events = new ArrayList<>();
            for (int m = 0; m < 12; m++) {
                members.add(new MemberView("svc-" + (i * 12 + m), "Service " + m, "DOWN", T0.plusSeconds(m * 30L), null, "us-east-1"));
                events.add(new EventView(T0.plusSeconds(m * 30L), "MEMBER_JOINED", "joined", "svc-" + (i * 12 + m), null));
            }
            CauseView cause = new CauseView("aws/us-east-1", "AWS us-east-1", "REGION", 0.95, 1e-9, 12, 400, true, List.of("synthetic"));
            IncidentView v = new IncidentView("inc-" + i, 1, "CONFIRMED", "synthetic incident " + i, cause, "aws", "us-east-1",
                    members.stream().map(MemberView::serviceId).toList(), 12, 12, T0.plusSeconds(i * 60L), T0, null, T0);
            store.accept(new IncidentDetail(v, members, events));
        }
        return store;
    }

    private ApiLoadBenchmark() {
    }

}
