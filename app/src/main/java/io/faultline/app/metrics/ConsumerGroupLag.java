package io.faultline.app.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag per partition of some consumer groups, as the broker sees it: the last stable offset
 * (read_committed end, so open or aborted transactions of the exactly-once writers do not show as
 * lag) minus the group's committed offset, refreshed every {@code interval} by an admin client.
 * Gauge {@code faultline_consumer_lag_records{group,topic,partition}}. A group commits when it
 * commits: Kafka Streams at each commit interval, Flink at each checkpoint, so lag reads a little
 * high between commits. A refresh that fails counts {@code faultline_consumer_lag_refresh_failures_total}
 * and keeps the last values.
 */
public final class ConsumerGroupLag implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupLag.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How often the commands refresh lag: often enough for alerting, cheap for the broker (two requests per group). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Admin admin;
    private final List<String> groups;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final PeriodicRefresh timer;

    private ConsumerGroupLag(Admin admin, List<String> groups, MeterRegistry registry) {
        this.admin = admin;
        this.groups = List.copyOf(groups);
        this.registry = registry;
        Counter failures = Counter.builder("faultline.consumer.lag.refresh.failures")
                .description("Lag refreshes that failed (broker unreachable, timeout)").register(registry);
        this.timer = new PeriodicRefresh("faultline-consumer-lag", this::refresh, failures,
                e -> LOG.debug("consumer lag refresh failed: {}", e.toString()));
    }

    /** Starts refreshing the lag of {@code groups} every {@code interval} (the first refresh at once). */
    public static ConsumerGroupLag start(String bootstrapServers, List<String> groups, MeterRegistry registry, Duration interval) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "faultline-consumer-lag");
        ConsumerGroupLag lag = new ConsumerGroupLag(Admin.create(p), groups, registry);
        lag.timer.start(interval);
        return lag;
    }

    /** One refresh of every group; visible for tests, which call it instead of waiting for the timer. */
    void refresh() throws Exception {
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om != null) {
                    ask.put(tp, OffsetSpec.latest());
                }
            });
            if (ask.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                    .listOffsets(ask, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ends.forEach((tp, end) -> gauge(group, tp).set(Math.max(0, end.offset() - committed.get(tp).offset())));
        }
    }

    /** The current lag of one partition, or -1 when not known yet. */
    long lag(String group, TopicPartition tp) {
        AtomicLong v = lags.get(group + "\u0000" + tp);
        return v == null ? -1 : v.get();
    }

    private AtomicLong gauge(String group, TopicPartition tp) {
        return lags.computeIfAbsent(group + "\u0000" + tp, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("faultline.consumer.lag.records", value, AtomicLong::get)
                    .description("Records of a partition not yet committed by a consumer group (last stable offset minus committed)")
                    .baseUnit("records")
                    .tag("group", group).tag("topic", tp.topic()).tag("partition", Integer.toString(tp.partition()))
                    .register(registry);
            return value;
        });
    }

    @Override
    public void close() {
        timer.close();
        admin.close(Duration.ofSeconds(2));
    }
}
