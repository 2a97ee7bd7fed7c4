package io.faultline.flink.correlation;

import io.faultline.avro.CatalogEntry;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of the live catalog reader: always the maximum, so that live catalog changes (which
 * apply in processing time, before the next tick) never hold back the correlation's event time.
 */
final class CatalogWatermarks implements WatermarkGenerator<CatalogEntry> {

    static WatermarkStrategy<CatalogEntry> neverHoldBack() {
        return WatermarkStrategy.forGenerator(context -> new CatalogWatermarks());
    }

    @Override
    public void onEvent(CatalogEntry event, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}
