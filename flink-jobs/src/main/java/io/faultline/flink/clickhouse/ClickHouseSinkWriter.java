package io.faultline.flink.clickhouse;

import java.io.IOException;
import java.time.Clock;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The writer: records go to a {@link Batcher}; a processing-time timer writes a batch that has
 * waited maxBatchDelay; {@link #flush} (called by Flink before every checkpoint and at end of
 * input) writes what is buffered, so a completed checkpoint never leaves rows only in memory.
 */
public final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

    private final Batcher<T> batcher;
    private final ProcessingTimeService timers;
    private final long checkEveryMs;
    private final BatchInserter inserter;
    private volatile boolean closed;

    ClickHouseSinkWriter(ClickHouseSinkConfig config, RowMapper<T> mapper, BatchInserter inserter, ProcessingTimeService timers,
                         SinkMetrics metrics, Clock clock) {
        this.inserter = inserter;
        this.batcher = new Batcher<>(mapper, config.maxBatchRows(), config.maxBatchDelay(), config.retry(), inserter, metrics,
                clock, Batcher.Sleeper.THREAD);
        this.timers = timers;
        this.checkEveryMs = Math.max(10, config.maxBatchDelay().toMillis() / 4);
        scheduleCheck();
    }

    private void scheduleCheck() {
        timers.registerTimer(timers.getCurrentProcessingTime() + checkEveryMs, now -> {
            if (!closed) {
                flushIfDue();
                scheduleCheck();
            }
        });
    }

    private void flushIfDue() throws IOException {
        try {
            batcher.flushIfDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing to ClickHouse", e);
        }
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        batcher.add(element);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        batcher.flush();
    }

    @Override
    public void close() throws Exception {
        closed = true;
        inserter.close();
    }
}
