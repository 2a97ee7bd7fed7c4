package io.faultline.streams;

import java.time.Duration;

import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.live.LiveHealthView;
import io.faultline.streams.live.StoreLiveHealthView;
import io.faultline.streams.topology.CatalogVersion;
import io.faultline.streams.topology.FaultlineTopology;
import io.faultline.streams.topology.StoreKind;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running streams application: topology + KafkaStreams + the live view over its stores. */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final KafkaStreams streams;
    private final LiveHealthView view;

    private StreamsApp(KafkaStreams streams) {
        this.streams = streams;
        this.view = new StoreLiveHealthView(streams);
    }

    public static Topology topology(StreamsAppConfig config, SchemaRegistry registry) {
        return topology(config, registry, PipelineMeters.NONE);
    }

    public static Topology topology(StreamsAppConfig config, SchemaRegistry registry, PipelineMeters meters) {
        return FaultlineTopology.build(config.topics(), registry, config.settings(), new CatalogVersion(), StoreKind.PERSISTENT, meters);
    }

    /** Builds and starts the application. */
    public static StreamsApp start(StreamsAppConfig config) {
        return start(config, PipelineMeters.NONE);
    }

    /** Builds and starts the application, counting records in, out and dead-lettered into {@code meters}. */
    public static StreamsApp start(StreamsAppConfig config, PipelineMeters meters) {
        SchemaRegistry registry = new SchemaRegistry(config.registry());
        KafkaStreams streams = new KafkaStreams(topology(config, registry, meters), config.toProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it (exactly-once: its uncommitted work is redone)", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new StreamsApp(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public LiveHealthView view() {
        return view;
    }

    @Override
    public void close() {
        // leave the group: a dynamic member that stays would make a restarted instance wait out the
        // session timeout (45 s by default) before it gets its tasks back
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}
