package io.faultline.streams.topology;

import io.faultline.streams.PipelineMeters;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ServiceSignal;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroCodec;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.Normaliser;
import io.faultline.streams.PipelineSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * raw.* → decode (bad bytes to the DLQ) → de-duplicate by natural key → resolve against the
 * catalog (global store of the compacted catalog topic) → signals, keyed by entity id.
 */
public final class NormaliseTopology {

    private NormaliseTopology() {
    }

    public static final String STAGE = "normalise";

    public static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, PipelineSettings settings,
                             CatalogVersion catalogVersion, StoreKind stores) {
        addTo(builder, topics, registry, settings, catalogVersion, stores, PipelineMeters.NONE);
    }

    /** The same, counting records in, out and dead-lettered into {@code meters}. */
    public static void addTo(StreamsBuilder builder, Topics topics, SchemaRegistry registry, PipelineSettings settings,
                             CatalogVersion catalogVersion, StoreKind stores, PipelineMeters meters) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(stores.keyValue(Names.CATALOG_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                topics.catalog.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Names.CATALOG_SOURCE),
                () -> new CatalogStoreUpdater(catalogVersion));
        builder.addStateStore(Stores.windowStoreBuilder(
                stores.window(Names.DEDUPE_STORE, DedupeProcessor.storeRetention(settings.dedupeRetention())),
                Serdes.String(), Serdes.Long()));

        KStream<String, Decoded<SpecificRecord>> decoded = null;
        for (Topics.Topic<? extends SpecificRecord> raw : topics.raw()) {
            KStream<String, Decoded<SpecificRecord>> one = decode(builder, raw, registry, meters);
            decoded = decoded == null ? one : decoded.merge(one, Named.as(Names.MERGE_RAW + "-" + shortName(raw, topics)));
        }
        Produced<String, DeadLetter> dlq = Produced.with(Serdes.String(), topics.deadLetters.serde(registry))
                .withName(Names.deadLetters("raw"));
        Produced<String, ServiceSignal> signals = Produced.with(Serdes.String(), topics.signals.serde(registry))
                .withName(Names.WRITE_SIGNALS);
        AvroCodec<io.faultline.avro.CatalogEntry> catalogCodec = topics.catalog.serde(registry).codec();
        decoded.split(Named.as("raw-"))
                .branch((k, d) -> !d.ok(), Branched.withConsumer(bad -> bad
                        .mapValues(Decoded::deadLetter, Named.as("raw-dead-letter"))
                        .peek((k, d) -> meters.deadLetter(STAGE, d.getErrorType()), Named.as("raw-dead-letter-count"))
                        .selectKey((k, d) -> d.getSource(), Named.as("raw-dead-letter-key"))
                        .to(topics.deadLetters.name(), dlq), "dead"))
                .defaultBranch(Branched.withConsumer(good -> good
                        .mapValues(Decoded::value, Named.as("raw-value"))
                        .processValues(() -> new DedupeProcessor(settings.dedupeRetention()), Named.as(Names.DEDUPE),
                                Names.DEDUPE_STORE)
                        .process(() -> new ResolveProcessor(catalogVersion, catalogCodec, topics.catalog.name()),
                                Named.as(Names.RESOLVE))
                        .peek((k, v) -> meters.out(STAGE, topics.signals.name()), Named.as("signals-out-count"))
                        .to(topics.signals.name(), signals), "ok"));
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> KStream<String, Decoded<SpecificRecord>> decode(
            StreamsBuilder builder, Topics.Topic<V> topic, SchemaRegistry registry, PipelineMeters meters) {
        String source = topic.name().substring(topic.name().lastIndexOf("raw.") + 4);
        AvroCodec<V> codec = new AvroCodec<>(registry, topic.valueType());
        KStream<String, Decoded<V>> out = builder
                .stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(Names.readRaw(source)))
                .peek((k, v) -> meters.in(STAGE, topic.name()), Named.as(Names.readRaw(source) + "-count"))
                .processValues(() -> new DecodeProcessor<>(codec, topic.name(), Normaliser::problem), Named.as(Names.decodeRaw(source)));
        return (KStream<String, Decoded<SpecificRecord>>) (KStream<String, ?>) out;
    }

    private static String shortName(Topics.Topic<?> topic, Topics topics) {
        return topic.name().substring(topics.prefix().length()).replace('.', '-');
    }
}
