package io.faultline.flink.clickhouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Buffers rows for one table and writes them in batches: when {@code maxRows} are buffered, when
 * the oldest buffered row has waited {@code maxDelay} ({@link #flushIfDue}), and whenever the
 * caller flushes (Flink: on every checkpoint). A failed insert is retried with backoff under the
 * same deduplication token (a hash of the batch's row keys), so a retry after a timeout whose
 * insert did land, or a replay of the same batch after a restart, is dropped by ClickHouse
 * instead of duplicating rows. Not thread-safe: Flink calls a writer from one thread.
 */
public final class Batcher<T> {

    /** Waits between retries; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /** The real wait, the writer's back-off in production. */
        Sleeper THREAD = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    private final RowMapper<T> mapper;
    private final int maxRows;
    private final Duration maxDelay;
    private final RetryPolicy retry;
    private final BatchInserter inserter;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;

    private final List<List<Object>> rows = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private Instant oldestEventTime;
    private Instant firstBufferedAt;

    public Batcher(RowMapper<T> mapper, int maxRows, Duration maxDelay, RetryPolicy retry, BatchInserter inserter,
                   SinkMetrics metrics, Clock clock, Sleeper sleeper) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        }
        this.mapper = mapper;
        this.maxRows = maxRows;
        this.maxDelay = maxDelay;
        this.retry = retry;
        this.inserter = inserter;
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public void add(T record) throws IOException, InterruptedException {
        if (rows.isEmpty()) {
            firstBufferedAt = clock.instant();
        }
        List<List<Object>> newRows = mapper.rows(record);
        List<String> newKeys = mapper.rowKeys(record);
        if (newRows.size() != newKeys.size()) {
            throw new IllegalStateException(mapper.getClass().getSimpleName() + " gave " + newRows.size() + " rows but "
                    + newKeys.size() + " keys");
        }
        rows.addAll(newRows);
        keys.addAll(newKeys);
        Instant t = mapper.eventTime(record);
        if (t != null && (oldestEventTime == null || t.isBefore(oldestEventTime))) {
            oldestEventTime = t;
        }
        if (rows.size() >= maxRows) {
            flush();
        }
    }

    public int buffered() {
        return rows.size();
    }

    public boolean due() {
        return !rows.isEmpty() && !clock.instant().isBefore(firstBufferedAt.plus(maxDelay));
    }

    public void flushIfDue() throws IOException, InterruptedException {
        if (due()) {
            flush();
        }
    }

    /** Writes everything buffered; on return the buffer is empty, or an IOException says the batch could not be written. */
    public void flush() throws IOException, InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        String token = token(mapper.table(), keys);
        for (int attempt = 0; ; attempt++) {
            try {
                inserter.insert(mapper.table(), mapper.columns(), rows, token);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= retry.maxRetries() || !retry.retryable(e)) {
                    throw new IOException("insert of " + rows.size() + " rows into " + mapper.table() + " failed after "
                            + (attempt + 1) + " attempt(s) (token " + token + "): " + e.getMessage(), e);
                }
                metrics.retried();
                sleeper.sleep(retry.backoff(attempt + 1));
            }
        }
        metrics.rowsWritten(rows.size());
        metrics.batchWritten();
        if (oldestEventTime != null) {
            metrics.lagMillis(Duration.between(oldestEventTime, clock.instant()).toMillis());
        }
        rows.clear();
        keys.clear();
        oldestEventTime = null;
        firstBufferedAt = null;
    }

    /** 32 hex digits of SHA-256 over the table and the row keys in order: the same batch, the same token. */
    public static String token(String table, List<String> rowKeys) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(table.getBytes(StandardCharsets.UTF_8));
            for (String k : rowKeys) {
                md.update((byte) '\n');
                md.update(k.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
