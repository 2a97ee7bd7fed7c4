package io.faultline.flink.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

class IdleAwareWatermarksTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Recorder out = new Recorder();
    private final IdleAwareWatermarks<String> generator = new IdleAwareWatermarks<>(Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofMinutes(1), nanos::get);

    @Test
    void aPartitionWithRecordsHoldsEventTimeAtTheNewestRecordMinusTheBound() {
        generator.onEvent("a", 100_000, out);
        generator.onEvent("b", 90_000, out);
        generator.onPeriodicEmit(out);

        assertThat(out.watermarks).containsExactly(100_000L - 30_000 - 1);
        assertThat(out.idle).isZero();
    }

    @Test
    void aPartitionQuietForTheIdleBoundAfterItsRecordsStopsHoldingEventTimeBack() {
        generator.onEvent("a", 100_000, out);
        advance(Duration.ofSeconds(4));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isZero();

        advance(Duration.ofSeconds(1));
        generator.onPeriodicEmit(out);
        generator.onPeriodicEmit(out);
        assertThat(out.idle).as("marked idle once").isEqualTo(1);

        generator.onEvent("b", 200_000, out);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks).last().isEqualTo(200_000L - 30_000 - 1);
    }

    @Test
    void anEmptyPartitionHoldsEventTimeBackForTheStartUpGraceOnly() {
        advance(Duration.ofSeconds(30));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).as("5 s idle bound does not apply before the first record").isZero();
        assertThat(out.watermarks).isEmpty();

        advance(Duration.ofSeconds(30));
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isEqualTo(1);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {
        }
    }
}
