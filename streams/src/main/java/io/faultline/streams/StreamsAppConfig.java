package io.faultline.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the streams application, validated at start-up: each bad setting fails with
 * a message naming the setting and what it accepts.
 *
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param registry         schema registry (Confluent REST API)
 * @param topics           topic names (prefix)
 * @param applicationId    Kafka Streams application id (consumer group, internal topic prefix)
 * @param stateDir         local state directory (RocksDB stores)
 * @param settings         what the stages decide with
 * @param streamThreads    stream threads of this instance (tasks, one per input partition, are spread over the
 *                         threads of every instance of the application)
 * @param commitInterval   how often each thread commits its exactly-once transaction: what it has written becomes
 *                         visible downstream at most this late, and each commit costs a round of transaction markers
 *                         on every partition it wrote (Kafka Streams' own default under exactly-once is 100 ms)
 */
public record StreamsAppConfig(String bootstrapServers, RegistryConfig registry, Topics topics, String applicationId,
                               Path stateDir, PipelineSettings settings, int streamThreads, Duration commitInterval) {

    public static final String DEFAULT_APPLICATION_ID = "faultline-streams";
    /**
     * One second: ten times fewer transactions than Kafka Streams' exactly-once default, measured the larger share
     * of the stream threads' time at 100 ms (docs/benchmarks.md), for at most a second more before signals and
     * health changes are visible to the correlation job (which works in minute ticks).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern BOOTSTRAP = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");
    private static final Pattern APP_ID = Pattern.compile("[a-zA-Z0-9._-]+");

    public StreamsAppConfig {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(settings, "settings");
        if (bootstrapServers == null || !BOOTSTRAP.matcher(bootstrapServers.trim()).matches()) {
            throw new IllegalArgumentException("--bootstrap-servers '" + bootstrapServers
                    + "': expected host:port[,host:port...], e.g. localhost:9092");
        }
        if (applicationId == null || !APP_ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("--application-id '" + applicationId
                    + "': only letters, digits, '.', '_' and '-' are allowed");
        }
        if (stateDir == null || (Files.exists(stateDir) && !(Files.isDirectory(stateDir) && Files.isWritable(stateDir)))) {
            throw new IllegalArgumentException("--state-dir '" + stateDir + "': must be a writable directory (or not exist yet)");
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("--stream-threads " + streamThreads + ": must be 1 or more");
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("--commit-interval " + commitInterval + ": must be a positive duration");
        }
    }

    /** One stream thread, commits every {@link #DEFAULT_COMMIT_INTERVAL}. */
    public StreamsAppConfig(String bootstrapServers, RegistryConfig registry, Topics topics, String applicationId,
                            Path stateDir, PipelineSettings settings) {
        this(bootstrapServers, registry, topics, applicationId, stateDir, settings, 1, DEFAULT_COMMIT_INTERVAL);
    }

    public StreamsAppConfig withStreamThreads(int threads) {
        return new StreamsAppConfig(bootstrapServers, registry, topics, applicationId, stateDir, settings, threads, commitInterval);
    }

    public StreamsAppConfig withCommitInterval(Duration interval) {
        return new StreamsAppConfig(bootstrapServers, registry, topics, applicationId, stateDir, settings, streamThreads, interval);
    }

    /** From the command line's strings; each one is checked and named if wrong. */
    public static StreamsAppConfig of(String bootstrapServers, String registryUrl, String topicPrefix, String applicationId,
                                      Path stateDir) {
        RegistryConfig registry;
        try {
            registry = RegistryConfig.of(registryUrl, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry-url: " + e.getMessage(), e);
        }
        Topics topics;
        try {
            topics = Topics.withPrefix(topicPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--topic-prefix: " + e.getMessage(), e);
        }
        return new StreamsAppConfig(bootstrapServers, registry, topics, applicationId, stateDir, PipelineSettings.defaults());
    }

    /** Kafka Streams properties: exactly-once v2, the state directory, earliest offsets for a new group. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.trim());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Kafka Streams 4.2's state updater thread (on by default): with exactly-once v2 the app stopped
        // consuming partway through a replay (RUNNING, StreamThread in poll, input positions frozen, nothing
        // logged), and never resumed after a restart. Restoring on the stream thread, as before KIP-869,
        // processes the whole AWS 2021 replay (192,785 records). (StreamsRunIT's restart case still fails.)
        p.put(StreamsConfig.InternalConfig.STATE_UPDATER_ENABLED, false);
        return p;
    }
}
