package io.faultline.flink.clickhouse;

/** What the sink reports; the Flink writer maps it onto its metric group. */
public interface SinkMetrics {

    void rowsWritten(int rows);

    void batchWritten();

    void retried();

    /** Event-time age of the oldest row of the batch just written, in milliseconds. */
    void lagMillis(long lag);

    SinkMetrics NONE = new SinkMetrics() {
        @Override
        public void rowsWritten(int rows) {
        }

        @Override
        public void batchWritten() {
        }

        @Override
        public void retried() {
        }

        @Override
        public void lagMillis(long lag) {
        }
    };
}
