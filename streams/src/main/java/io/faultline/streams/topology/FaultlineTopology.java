package io.faultline.streams.topology;

import io.faultline.streams.PipelineMeters;

import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.PipelineSettings;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The streams application's topology: normalise + resolve + dedupe → signals → health. */
public final class FaultlineTopology {

    private FaultlineTopology() {
    }

    /** Both stages; {@code catalogVersion} must be fresh per KafkaStreams instance. */
    public static Topology build(Topics topics, SchemaRegistry registry, PipelineSettings settings, CatalogVersion catalogVersion,
                                 StoreKind stores) {
        return build(topics, registry, settings, catalogVersion, stores, PipelineMeters.NONE);
    }

    /** Both stages, counting into {@code meters}. */
    public static Topology build(Topics topics, SchemaRegistry registry, PipelineSettings settings, CatalogVersion catalogVersion,
                                 StoreKind stores, PipelineMeters meters) {
        StreamsBuilder builder = new StreamsBuilder();
        NormaliseTopology.addTo(builder, topics, registry, settings, catalogVersion, stores, meters);
        HealthTopology.addTo(builder, topics, registry, settings, stores, meters);
        return builder.build();
    }

    public static Topology normaliseOnly(Topics topics, SchemaRegistry registry, PipelineSettings settings,
                                         CatalogVersion catalogVersion, StoreKind stores) {
        StreamsBuilder builder = new StreamsBuilder();
        NormaliseTopology.addTo(builder, topics, registry, settings, catalogVersion, stores);
        return builder.build();
    }

    public static Topology healthOnly(Topics topics, SchemaRegistry registry, PipelineSettings settings, StoreKind stores) {
        StreamsBuilder builder = new StreamsBuilder();
        HealthTopology.addTo(builder, topics, registry, settings, stores);
        return builder.build();
    }
}
