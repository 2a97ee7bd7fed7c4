package io.faultline.flink.correlation;

import java.io.Serializable;

/**
 * Whether the stages that write the correlation job's inputs have processed everything they were given, so that a
 * quiet input means "nothing more is coming" rather than "the upstream is still working". Asked by
 * {@link CorrelateFunction} before it takes a quiet input as caught up ({@link CorrelationJobConfig#quietInput()}).
 * An implementation that cannot tell answers false: the job then waits for its watermark as before.
 */
@FunctionalInterface
public interface UpstreamGate extends Serializable, AutoCloseable {

    boolean caughtUp();

    @Override
    default void close() {
    }
}
