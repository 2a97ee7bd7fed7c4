package io.faultline.bench.api;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load over a fixed pool of keep-alive connections (the wrk2 model): request i is due
 * at {@code start + i / rate} whatever the answers do; a free connection takes the next due
 * request, and its latency is measured from when it was <em>due</em>, not from when it was sent,
 * so time spent queued behind a slow answer (or behind a stalled client) counts. Requests still
 * queued {@code drain} after the schedule ended count as errors rather than stretching the run.
 */
final class OpenLoopLoad {

    /** What one run measured; latencies of 2xx answers only, in nanoseconds, sorted. */
    record Result(int sent, long[] latencies, int errors, double seconds, long bodyBytes, String firstError) {

        double throughput() {
            return latencies.length / seconds;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            int idx = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, idx))] / 1e6;
        }

        double maxMillis() {
            return latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6;
        }
    }

    private static final int DONE = -1;

    private final URI base;
    private final List<String> paths;
    private final String authorization;
    private final int connections;
    private final int timeoutMillis;
    private final long drainNanos;

    OpenLoopLoad(URI base, List<String> paths, String authorization, int connections, int timeoutMillis, long drainNanos) {
        if (paths.isEmpty() || connections < 1) {
            throw new IllegalArgumentException("need at least one path and one connection");
        }
        this.base = base;
        this.paths = List.copyOf(paths);
        this.authorization = authorization;
        this.connections = connections;
        this.timeoutMillis = timeoutMillis;
        this.drainNanos = drainNanos;
    }

    Result run(int rate, int seconds) throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        long[] latency = new long[total];
        Arrays.fill(latency, -1);
        AtomicInteger errors = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
        long start = System.nanoTime();
        long giveUpAt = start + total * interval + drainNanos;
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                try (KeepAliveConnection conn = new KeepAliveConnection(base, authorization, timeoutMillis)) {
                    for (int i = due.take(); i != DONE; i = due.take()) {
                        long scheduled = start + i * interval;
                        if (System.nanoTime() > giveUpAt) {
                            fail(errors, firstError, "not sent: still queued " + drainNanos / 1_000_000 + " ms after the schedule ended");
                            continue;
                        }
                        try {
                            KeepAliveConnection.Answer a = conn.get(paths.get(i % paths.size()));
                            long took = System.nanoTime() - scheduled;
                            if (a.status() / 100 == 2) {
                                latency[i] = took;
                                bytes.addAndGet(a.bodyBytes());
                            } else {
                                fail(errors, firstError, "HTTP " + a.status() + " on " + paths.get(i % paths.size()));
                            }
                        } catch (IOException | RuntimeException e) {
                            fail(errors, firstError, e.toString());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-connection-" + c);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait); // pacing the schedule; no busy spin on a shared box
            }
            due.add(i);
        }
        for (int c = 0; c < connections; c++) {
            due.add(DONE);
        }
        for (Thread t : workers) {
            t.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, giveUpAt - System.nanoTime())) + 2L * timeoutMillis + 1);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
        return new Result(total, ok, errors.get(), elapsed, bytes.get(), firstError.get());
    }

    private static void fail(AtomicInteger errors, AtomicReference<String> first, String what) {
        errors.incrementAndGet();
        first.compareAndSet(null, what);
    }
}
