package io.faultline.bench.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;
import io.faultline.avro.ProbeResult;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.Fixtures;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.offline.OfflinePipeline;
import io.faultline.streams.topology.CatalogVersion;
import io.faultline.streams.topology.FaultlineTopology;
import io.faultline.streams.topology.StoreKind;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Throughput of the whole streams topology (decode, dedupe, resolve, signals, health) in the
 * TopologyTestDriver, and of the offline pipeline, on a SYNTHETIC probe stream: {@code services}
 * catalog services probed from six vantages every minute, 5 % of services failing. The driver
 * commits after every record (a real application commits every 100 ms under EOS), so its
 * figure is a floor, not what a broker-backed application reaches. A JFR profile (200 services,
 * 15 minutes) puts most samples in the driver itself: TopologyTestDriver matches each record's
 * topic against every source pattern with a freshly compiled regex
 * ({@code validateSourceTopicNameRegexPattern}, ~45 % of samples), and commits and checkpoints
 * per record; Faultline's processors (decode, dedupe, resolve, health) are a small share.
 *
 * <pre>
 * nice mvn -o -q -B -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/faultline-bench.jar \
 *      io.faultline.bench.streams.TopologyThroughput [services] [minutes]
 * </pre>
 */
public final class TopologyThroughput {

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<CatalogEntry> catalog = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            catalog.add(Fixtures.entity("svc-" + s, EntityKind.SERVICE, "Service " + s, null, null, List.of(), List.of(),
                    List.of("svc-" + s + ".example")));
        }
        List<ProbeResult> probes = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            for (int s = 0; s < services; s++) {
                for (int v = 0; v < 6; v++) {
                    Instant t = Fixtures.T0.plus(Duration.ofMinutes(m)).plusMillis(s * 10L + v);
                    boolean failing = s % 20 == 0 && m >= minutes / 3 && m < 2 * minutes / 3;
                    probes.add(Fixtures.probe("svc-" + s, v, t, !failing));
                }
            }
        }
        SchemaRegistry registry = Fixtures.registry();
        Topics topics = Topics.defaults();
        AvroSerde<ProbeResult> serde = topics.rawProbe.serde(registry);
        List<byte[]> bytes = new ArrayList<>(probes.size());
        probes.forEach(p -> bytes.add(serde.serialize(topics.rawProbe.name(), p)));

        // offline pipeline
        long[] offlineSignals = {0};
        long[] offlineHealth = {0};
        long start = System.nanoTime();
        OfflinePipeline offline = new OfflinePipeline(catalog, PipelineSettings.defaults(), s -> offlineSignals[0]++,
                h -> offlineHealth[0]++);
        for (ProbeResult p : probes) {
            offline.accept(p, p.getEventTime());
        }
        double offlineSeconds = (System.nanoTime() - start) / 1e9;

        // topology in the test driver
        Path stateDir = Files.createTempDirectory("faultline-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "faultline-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        long topologySignals;
        long topologyHealth;
        double topologySeconds;
        try (TopologyTestDriver driver = new TopologyTestDriver(FaultlineTopology.build(topics, registry,
                PipelineSettings.defaults(), new CatalogVersion(), StoreKind.IN_MEMORY), props)) {
            TestInputTopic<String, CatalogEntry> cat = driver.createInputTopic(topics.catalog.name(), new StringSerializer(),
                    topics.catalog.serde(registry));
            catalog.forEach(e -> cat.pipeInput(e.getEntityId(), e));
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.rawProbe.name(), new StringSerializer(),
                    new ByteArraySerializer());
            var signalsOut = driver.createOutputTopic(topics.signals.name(), new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            var healthOut = driver.createOutputTopic(topics.serviceHealth.name(),
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            start = System.nanoTime();
            for (int i = 0; i < probes.size(); i++) {
                raw.pipeInput(probes.get(i).getTargetId(), bytes.get(i), probes.get(i).getEventTime());
            }
            topologySeconds = (System.nanoTime() - start) / 1e9;
            topologySignals = signalsOut.getQueueSize();
            topologyHealth = healthOut.getQueueSize();
        }
        System.out.printf(Locale.ROOT, "SYNTHETIC probe stream: %d services x 6 vantages x %d minutes = %,d raw records%n",
                services, minutes, probes.size());
        System.out.printf(Locale.ROOT, "offline pipeline:          %,.0f signals/s (%,d signals, %,d health changes, %.2f s)%n",
                offlineSignals[0] / offlineSeconds, offlineSignals[0], offlineHealth[0], offlineSeconds);
        System.out.printf(Locale.ROOT, "topology (TopologyTestDriver, commit per record): %,.0f signals/s (%,d signals, %,d health changes, %.2f s)%n",
                topologySignals / topologySeconds, topologySignals, topologyHealth, topologySeconds);
    }
}
