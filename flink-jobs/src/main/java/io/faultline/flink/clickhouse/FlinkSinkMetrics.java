package io.faultline.flink.clickhouse;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/** {@link SinkMetrics} on Flink's metric group: clickhouseRows, clickhouseBatches, clickhouseRetries, clickhouseLagMs. */
final class FlinkSinkMetrics implements SinkMetrics {

    private final Counter rows;
    private final Counter batches;
    private final Counter retries;
    private final Counter sent;
    private final AtomicLong lag = new AtomicLong();

    FlinkSinkMetrics(SinkWriterMetricGroup group) {
        this.rows = group.counter("clickhouseRows");
        this.batches = group.counter("clickhouseBatches");
        this.retries = group.counter("clickhouseRetries");
        this.sent = group.getNumRecordsSendCounter();
        group.gauge("clickhouseLagMs", lag::get);
    }

    @Override
    public void rowsWritten(int n) {
        rows.inc(n);
        sent.inc(n);
    }

    @Override
    public void batchWritten() {
        batches.inc();
    }

    @Override
    public void retried() {
        retries.inc();
    }

    @Override
    public void lagMillis(long l) {
        lag.set(l);
    }
}
