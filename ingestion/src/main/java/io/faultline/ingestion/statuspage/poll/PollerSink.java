package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import java.util.List;

/**
 * Where one poll of one page goes. Kafka in production ({@link KafkaPollerSink}), a list in tests.
 * Called from several poller threads at once; implementations must be thread-safe.
 */
public interface PollerSink {

    /**
     * Writes the changes and dead letters of one poll, then, once they are safely written, the
     * page's new state. Throws when the changes could not be written: the poller then keeps its
     * old state and the next poll produces the same changes again (same natural ids).
     *
     * @param state the page's new state, or null when it did not change (everything was 304)
     */
    void publish(String pageId, List<StatusPageObservation> observations, List<DeadLetter> deadLetters,
                 StatusPagePollerState state);
}
