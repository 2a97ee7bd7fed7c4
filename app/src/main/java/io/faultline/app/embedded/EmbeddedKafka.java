package io.faultline.app.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running in this JVM,
 * with its log under {@code dataDir}. Formats the directory the way {@code kafka-storage format}
 * does on first use and reuses it afterwards.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The default dedupe buffer takes 128 MiB of heap; an embedded broker needs very little. */
    private static final String CLEANER_DEDUPE_BUFFER = String.valueOf(2 * 1024 * 1024);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafka start(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        int brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        String logDir = dataDir.toAbsolutePath().toString();

        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir);
        p.put("metadata.log.dir", logDir);
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", CLEANER_DEDUPE_BUFFER);
        // Replays carry their event times (2021, ...) as record timestamps, so time-based retention
        // would delete them at the broker's first retention check (30 s after start), before every
        // consumer has read them: StreamsRunIT lost the first signal of each partition that way.
        // The embedded broker is a throwaway, so it keeps everything: no default retention, and no
        // retention checks (Kafka Streams sets retention.ms on its windowed changelogs itself).
        p.put("log.retention.ms", "-1");
        p.put("log.retention.check.interval.ms", String.valueOf(Long.MAX_VALUE / 4));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir)
                    .setDirectories(List.of(logDir))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            // the broker's threads are not daemons: a half-started broker would hang the JVM
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new EmbeddedKafka(server, "127.0.0.1:" + brokerPort);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
