package io.faultline.app.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import io.faultline.app.embedded.TopicProvisioner;
import io.faultline.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline's infrastructure in one process, for {@code faultline demo} and the
 * integration tests: a KRaft broker, the Apicurio registry (child process), a Flink mini
 * cluster, the topics and, when asked, the ClickHouse engine for history (child process). Everything lives under one working directory. Stopped by
 * {@link #close()} or, on Ctrl-C, by a shutdown hook; the child registry never outlives us.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final int FLINK_SLOTS = 4;
    /** Partitions of every topic unless asked otherwise. */
    public static final int TOPIC_PARTITIONS = 2;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "faultline-embedded-stop");
    private final EmbeddedKafka kafka;
    private final EmbeddedRegistry registry;
    private final EmbeddedFlink flink;
    private final Topics topics;
    private final Path workDir;
    private boolean closed;

    private EmbeddedStack(Path projectHome, Path workDir, Topics topics, int partitions) throws Exception {
        this.workDir = workDir;
        this.topics = topics;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Path registryApp = EmbeddedRegistry.locateApp(projectHome);
            kafka = track(EmbeddedKafka.start(workDir.resolve("kafka")));
            registry = track(EmbeddedRegistry.start(registryApp, workDir.resolve("registry")));
            flink = track(EmbeddedFlink.start(workDir.resolve("flink"), FLINK_SLOTS));
            TopicProvisioner.create(kafka.bootstrapServers(), topics, partitions, (short) 1);
        } catch (Exception | Error e) {
            closeQuietly();
            throw e;
        }
    }

    /** Starts broker, registry and Flink under {@code workDir}, with the default topics. */
    public static EmbeddedStack start(Path projectHome, Path workDir) throws Exception {
        return start(projectHome, workDir, Topics.defaults());
    }

    public static EmbeddedStack start(Path projectHome, Path workDir, Topics topics) throws Exception {
        return new EmbeddedStack(projectHome, workDir, topics, TOPIC_PARTITIONS);
    }

    /** With {@code partitions} partitions in every topic (the scale-out benchmark and test). */
    public static EmbeddedStack start(Path projectHome, Path workDir, Topics topics, int partitions) throws Exception {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be 1 or more, was " + partitions);
        }
        return new EmbeddedStack(projectHome, workDir, topics, partitions);
    }

    /** Deletes {@code workDir} and all below it, so that a stack starts afresh there (the demo, bench e2e). */
    public static void wipe(Path workDir) throws IOException {
        io.faultline.ingestion.network.Directories.deleteRecursively(workDir);
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Confluent-API base URL of the registry. */
    public String registryUrl() {
        return registry.confluentApiUrl();
    }

    public EmbeddedFlink flink() {
        return flink;
    }

    public Topics topics() {
        return topics;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Starts the history store (the ClickHouse engine, see {@link EmbeddedHistory}) under the
     * stack's work directory; it stops with the stack. Fails with a message naming what is missing.
     */
    public EmbeddedHistory startHistory(Path projectHome, java.util.function.Consumer<String> progress) throws Exception {
        return track(EmbeddedHistory.start(projectHome, workDir.resolve("clickhouse"), progress));
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
