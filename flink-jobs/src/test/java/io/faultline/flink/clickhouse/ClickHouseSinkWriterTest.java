package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.faultline.avro.ServiceHealth;
import io.faultline.testsupport.ManualClock;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.junit.jupiter.api.Test;

/** The Flink writer: flush on checkpoint / end of input, and the timer that writes a batch that waited long enough. */
class ClickHouseSinkWriterTest {

    /** Timers the test fires by hand. */
    static final class ManualTimers implements ProcessingTimeService {
        long now;
        final List<Long> at = new ArrayList<>();
        final List<ProcessingTimeCallback> callbacks = new ArrayList<>();

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            at.add(timestamp);
            callbacks.add(callback);
            return null;
        }

        void fireNext() throws Exception {
            ProcessingTimeCallback cb = callbacks.remove(0);
            now = at.remove(0);
            cb.onProcessingTime(now);
        }
    }

    static final class RecordingInserter implements BatchInserter {
        final List<List<List<Object>>> batches = new ArrayList<>();

        @Override
        public void insert(String table, List<String> columns, List<List<Object>> rows, String token) {
            batches.add(List.copyOf(rows));
        }
    }

    final ManualClock clock = new ManualClock(SinkFixtures.T0.plusSeconds(120));
    final ManualTimers timers = new ManualTimers();
    final RecordingInserter inserter = new RecordingInserter();
    final ClickHouseSinkConfig config = new ClickHouseSinkConfig("jdbc:clickhouse://localhost:8123/faultline", 100,
            Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.defaults());

    ClickHouseSinkWriter<ServiceHealth> writer() {
        return new ClickHouseSinkWriter<>(config, new ServiceHealthRows(), inserter, timers, SinkMetrics.NONE, clock);
    }

    @Test
    void checkpointFlushWritesWhatIsBuffered() throws Exception {
        var w = writer();
        w.write(SinkFixtures.health("a", 0), null);
        w.write(SinkFixtures.health("b", 1), null);
        assertThat(inserter.batches).isEmpty();
        w.flush(false);
        assertThat(inserter.batches).hasSize(1);
        assertThat(inserter.batches.get(0)).hasSize(2);
        w.flush(true);
        assertThat(inserter.batches).as("nothing left: no empty insert").hasSize(1);
        w.close();
    }

    @Test
    void timerWritesABatchThatWaitedMaxDelayAndReschedules() throws Exception {
        var w = writer();
        assertThat(timers.at).containsExactly(500L);
        w.write(SinkFixtures.health("a", 0), null);
        timers.fireNext();
        assertThat(inserter.batches).isEmpty();
        assertThat(timers.at).containsExactly(1000L);
        clock.advance(Duration.ofSeconds(2));
        timers.fireNext();
        assertThat(inserter.batches).hasSize(1);
        w.close();
        timers.fireNext();
        assertThat(timers.at).as("no timer after close").isEmpty();
    }
}
