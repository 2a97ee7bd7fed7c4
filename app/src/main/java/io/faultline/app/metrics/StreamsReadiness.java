package io.faultline.app.metrics;

import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;

/** Ready while the Kafka Streams application is RUNNING (not CREATED, REBALANCING, PENDING_*, ERROR). */
public final class StreamsReadiness {

    private StreamsReadiness() {
    }

    public static ReadinessCheck of(Supplier<KafkaStreams.State> state) {
        return ReadinessCheck.of("kafka-streams", () -> {
            KafkaStreams.State s = state.get();
            return s == KafkaStreams.State.RUNNING ? Optional.empty() : Optional.of("state is " + s);
        });
    }
}
