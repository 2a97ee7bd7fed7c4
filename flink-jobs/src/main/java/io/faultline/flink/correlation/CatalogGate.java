package io.faultline.flink.correlation;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Sits on the catalog stream before it is broadcast, so that the catalog side of the correlating
 * operator only ever does one thing to its event time: hold it back until the catalog is loaded.
 * Until the catalog's watermark reaches its maximum (the snapshot reader finished), the catalog
 * input stays at its initial watermark and no tick can run; from then on the input is marked idle,
 * so that event time follows the data alone. Forwarding the maximum instead would let an idle data
 * input look like the end of all input.
 */
final class CatalogGate<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private boolean loaded;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        if (!loaded && mark.getTimestamp() == Long.MAX_VALUE) {
            loaded = true;
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // the catalog's own idleness means nothing for event time: see the class comment
    }
}
