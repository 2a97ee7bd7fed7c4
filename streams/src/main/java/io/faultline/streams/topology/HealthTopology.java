package io.faultline.streams.topology;

import io.faultline.streams.PipelineMeters;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroCodec;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.PipelineSettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** signals (keyed by entity id) → per-entity health machine → service-health, changes only. */
public final class HealthTopology {

    private HealthTopology() {
    }

    public static final String STAGE = "health";

    public static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, PipelineSettings settings, StoreKind stores) {
        addTo(builder, topics, registry, settings, stores, PipelineMeters.NONE);
    }

    /** The same, counting records in, out and dead-lettered into {@code meters}. */
    public static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, PipelineSettings settings, StoreKind stores,
                             PipelineMeters meters) {
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(Names.HEALTH_STATE_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(Names.HEALTH_LATEST_STORE),
                Serdes.String(), Serdes.ByteArray()));
        AvroCodec<ServiceSignal> codec = new AvroCodec<>(registry, ServiceSignal.class);
        Produced<String, DeadLetter> dlq = Produced.with(Serdes.String(), topics.deadLetters.serde(registry))
                .withName(Names.deadLetters("signals"));
        Produced<String, ServiceHealth> health = Produced.with(Serdes.String(), topics.serviceHealth.serde(registry))
                .withName(Names.WRITE_HEALTH);
        builder.stream(topics.signals.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Names.READ_SIGNALS))
                .peek((k, v) -> meters.in(STAGE, topics.signals.name()), Named.as(Names.READ_SIGNALS + "-count"))
                .processValues(() -> new DecodeProcessor<>(codec, topics.signals.name()), Named.as(Names.DECODE_SIGNALS))
                .split(Named.as("signals-"))
                .branch((k, d) -> !d.ok(), Branched.withConsumer(bad -> bad
                        .mapValues(Decoded::deadLetter, Named.as("signals-dead-letter"))
                        .peek((k, d) -> meters.deadLetter(STAGE, d.getErrorType()), Named.as("signals-dead-letter-count"))
                        .selectKey((k, d) -> d.getSource(), Named.as("signals-dead-letter-key"))
                        .to(topics.deadLetters.name(), dlq), "dead"))
                .defaultBranch(Branched.withConsumer(good -> good
                        .mapValues(Decoded::value, Named.as("signals-value"))
                        .process(() -> new HealthProcessor(settings.health()), Named.as(Names.JUDGE_HEALTH),
                                Names.HEALTH_STATE_STORE, Names.HEALTH_LATEST_STORE)
                        .peek((k, v) -> meters.out(STAGE, topics.serviceHealth.name()), Named.as("service-health-out-count"))
                        .to(topics.serviceHealth.name(), health), "ok"));
    }
}
