package io.faultline.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Open-loop load on the timeline API backed by the in-memory live store: requests are started on
 * a fixed schedule (default 500/s) whatever the answers do, and each latency is measured from its
 * scheduled start, so a stall shows up in the percentiles instead of slowing the load down.
 * The data is synthetic (20 open incidents of 12 members, 2,000 services), made up for load only.
 *
 * <p>{@code java -cp app/target/faultline.jar io.faultline.api.bench.ApiLoadBenchmark [rate/s] [seconds]}
 */
public final class ApiLoadBenchmark {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        InMemoryLiveStore live = fill();
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.of("bench-token"), List.of(), Duration.ofSeconds(5)),
                live, Optional.empty(), Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + api.port();
            List<String> paths = List.of("/api/v1/live/incidents", "/api/v1/live/services", "/api/v1/live/services/svc-17/health",
                    "/api/v1/incidents/inc-3");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            run(http, base, paths, rate, 3, null); // warm-up, not reported
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            long start = System.nanoTime();
            int sent = run(http, base, paths, rate, seconds, new Sink(latencies, errors));
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("timeline API, live store, open loop at %d req/s for %d s (%d paths, bearer auth on)%n", rate, seconds, paths.size());
            System.out.printf("  requests %d, answered %d, errors %d, throughput %.1f req/s%n", sent, sorted.length, errors.get(),
                    sorted.length / elapsed);
            System.out.printf("  latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(sorted, 50), pct(sorted, 90),
                    pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }
    }

    record Sink(ConcurrentLinkedQueue<Long> latencies, AtomicInteger errors) {
    }

    private static int run(HttpClient http, String base, List<String> paths, int rate, int seconds, Sink sink) throws Exception {
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        List<CompletableFuture<?>> inflight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the open-loop schedule; no busy spin on a shared box
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                    .header("Authorization", "Bearer bench-token").timeout(Duration.ofSeconds(10)).GET().build();
            inflight.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                if (sink == null) {
                    return;
                }
                if (e != null || r.statusCode() != 200) {
                    if (sink.errors().incrementAndGet() == 1) {
                        System.out.println("  first error: " + (e != null ? e : "HTTP " + r.statusCode()));
                    }
                } else {
                    sink.latencies().add(System.nanoTime() - scheduled);
                }
            }));
        }
        CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return total;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, idx)] / 1e6;
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
