package io.faultline.flink.correlation;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of inputs that must never hold back the correlation's event time: always the
 * maximum. Used for the live catalog reader (changes apply in processing time, before the next
 * tick).
 */
final class NeverHoldBackWatermarks<T> implements WatermarkGenerator<T> {

    static <T> WatermarkStrategy<T> neverHoldBack() {
        return WatermarkStrategy.forGenerator(context -> new NeverHoldBackWatermarks<T>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}
