package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.statuspage.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Scheduling: waits on virtual time, jitter, and the concurrency bounds on real threads. */
class PollerRunnerTest extends LocalPages {

    private final PollerConfig config = lab().withJitter(0).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

    private PolledPage page(String id) throws Exception {
        return PageList.page(id, server.uri("/" + id + "/summary.json").toString(), StatusPageFormat.STATUSPAGE_V2);
    }

    /** One poll of every page on a real scheduler with {@code c.maxConcurrency()} threads. */
    private List<PollResult> pollOnceOnThreads(List<PolledPage> list, PollerConfig c) throws Exception {
        try (ExecutorPollScheduler scheduler = new ExecutorPollScheduler(c.maxConcurrency())) {
            return new PollerRunner(list, poller(c, Map.of()), c, scheduler, Math::random, r -> { }).runOnce().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code count} pages whose requests are each held open 150 ms so overlaps can happen;
     * {@code maxInFlight} ends as the most requests that were open at once.
     */
    private List<PolledPage> slowPages(String prefix, int count, AtomicInteger maxInFlight) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        List<PolledPage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            server.on("/" + id + "/summary.json", ex -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    never.await(150, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                TestServer.send(ex, 200, Map.of(), Fixtures.resource("summary_with_groups.json"));
            });
            list.add(page(id));
        }
        return list;
    }

    @Test
    void aRetryAfterDelaysTheNextPollByExactlyThatLong() throws Exception {
        server.sequence("/p/summary.json", TestServer.status(429, Map.of("Retry-After", "120")),
                TestServer.ok(Fixtures.resource("summary_with_groups.json")));
        ManualScheduler scheduler = new ManualScheduler(clock);
        List<PollResult> results = new ArrayList<>();
        new PollerRunner(List.of(page("p")), poller(config, Map.of()), config, scheduler, () -> 0.5, results::add).start();

        Instant first = scheduler.runNext();
        Instant afterBackoff = scheduler.nextDue();
        Instant second = scheduler.runNext();

        assertThat(first).isEqualTo(T0);
        assertThat(afterBackoff).isEqualTo(T0.plusSeconds(120));
        assertThat(second).isEqualTo(afterBackoff);
        assertThat(results).extracting(PollResult::backingOff).containsExactly(true, false);
        assertThat(sink.observations).isNotEmpty().allSatisfy(o -> assertThat(o.getObservedAt()).isEqualTo(afterBackoff));
        assertThat(scheduler.nextDue()).isEqualTo(afterBackoff.plus(INTERVAL));
    }

    @Test
    void jitterSpreadsAroundTheIntervalButOnlyLengthensABackoff() throws Exception {
        PollerConfig jittery = config.withJitter(0.1);
        PollerRunner runner = new PollerRunner(List.of(), null, jittery, new ManualScheduler(clock), () -> 0.0, r -> { });
        PollerRunner high = new PollerRunner(List.of(), null, jittery, new ManualScheduler(clock), () -> 0.999, r -> { });
        PollResult normal = new PollResult("p", 0, 0, false, List.of(), INTERVAL, false);
        PollResult backoff = new PollResult("p", 0, 0, false, List.of(), Duration.ofSeconds(120), true);

        assertThat(runner.withJitter(normal)).isEqualTo(Duration.ofSeconds(54));
        assertThat(high.withJitter(normal)).isBetween(Duration.ofSeconds(65), Duration.ofSeconds(66));
        assertThat(runner.withJitter(backoff)).isEqualTo(Duration.ofSeconds(120));
        assertThat(high.withJitter(backoff)).isGreaterThan(Duration.ofSeconds(120));
    }

    @Test
    void noMoreThanPerHostConcurrencyRequestsReachOneHost() throws Exception {
        int pages = 6;
        AtomicInteger maxInFlight = new AtomicInteger();
        List<PolledPage> list = slowPages("p", pages, maxInFlight);
        List<PollResult> results = pollOnceOnThreads(list, config.withPerHostConcurrency(2).withMaxConcurrency(8));

        assertThat(results).hasSize(pages).allSatisfy(r -> assertThat(r.observations()).isPositive());
        assertThat(maxInFlight.get()).isBetween(1, 2);
    }

    @Test
    void theOverallBoundIsTheSchedulersThreads() throws Exception {
        int pages = 6;
        AtomicInteger maxInFlight = new AtomicInteger();
        List<PolledPage> list = slowPages("q", pages, maxInFlight);
        assertThat(pollOnceOnThreads(list, config.withPerHostConcurrency(10).withMaxConcurrency(3))).hasSize(pages);
        assertThat(maxInFlight.get()).isBetween(1, 3);
    }
}
