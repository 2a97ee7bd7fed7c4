package io.faultline.flink.correlation;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.flink.kafka.DecodeOrDeadLetter;
import io.faultline.schemas.mapping.HealthMapping;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Maps decoded wire records to engine inputs. A record that decodes but breaks the domain's rules
 * (confidence outside 0..1, say) goes to {@link DecodeOrDeadLetter#DEAD_LETTERS} with its JSON form
 * and the reason; the records around it flow on. Signals that are neither status-page reports nor
 * probe connection events produce nothing (the per-service health stage already folded them into
 * service health).
 */
public final class ToCorrelationEvents<T extends SpecificRecordBase> extends ProcessFunction<T, CorrelationEvent> {

    /** At most one progress event per subtask this often (wall time), while records are mapped to nothing. */
    static final long PROGRESS_EVERY_MILLIS = 250;

    private final String source;
    private final SerializableFunction<T, Optional<CorrelationInput>> mapper;
    private final boolean progress;
    private transient long lastProgressAt;

    private ToCorrelationEvents(String source, SerializableFunction<T, Optional<CorrelationInput>> mapper, boolean progress) {
        this.source = source;
        this.mapper = mapper;
        this.progress = progress;
    }

    public static ToCorrelationEvents<ServiceHealth> health() {
        return new ToCorrelationEvents<>("correlation.service-health", h -> Optional.of(HealthMapping.toUpdate(h)),
                false);
    }

    /** Status-page reports of components and probe connection events; other signals are folded into health upstream. */
    public static ToCorrelationEvents<ServiceSignal> statusPages() {
        return statusPages(false);
    }

    /**
     * As {@link #statusPages()}; with {@code progress} (STREAMING) the signals it drops are marked by a
     * {@link CorrelationEvent.Kind#PROGRESS} event now and then, stamped with the dropped signal's time.
     */
    public static ToCorrelationEvents<ServiceSignal> statusPages(boolean progress) {
        return new ToCorrelationEvents<>("correlation.signals", HealthMapping::toCorrelationInput, progress);
    }

    @Override
    public void processElement(T record, Context ctx, Collector<CorrelationEvent> out) {
        Optional<CorrelationInput> input;
        try {
            input = mapper.apply(record);
        } catch (IllegalArgumentException | NullPointerException e) {
            ctx.output(DecodeOrDeadLetter.DEAD_LETTERS, DeadLetter.newBuilder()
                    .setSource(source)
                    .setReason(String.valueOf(e.getMessage()))
                    .setErrorType("INVALID_RECORD")
                    .setPayload(ByteBuffer.wrap(record.toString().getBytes(StandardCharsets.UTF_8)))
                    .setContext(Map.of("record", record.getSchema().getFullName(), "payload", "json"))
                    .setEventTime(ctx.timestamp() == null ? Instant.now() : Instant.ofEpochMilli(ctx.timestamp()))
                    .build());
            return;
        }
        if (input.isPresent()) {
            out.collect(CorrelationEvent.of(input.get()));
        } else if (progress && ctx.timestamp() != null) {
            long now = ctx.timerService().currentProcessingTime();
            if (now - lastProgressAt >= PROGRESS_EVERY_MILLIS) {
                lastProgressAt = now;
                out.collect(CorrelationEvent.progress(ctx.timestamp()));
            }
        }
    }
}
