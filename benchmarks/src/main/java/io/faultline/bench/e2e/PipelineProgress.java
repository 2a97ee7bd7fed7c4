package io.faultline.bench.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the pipeline is, from the broker's side only (no hooks in the apps): the committed end
 * offsets (last stable offsets) of the topics, and the offsets each consumer group has committed.
 * A group has caught up with a topic when on every partition its committed offset is at least the
 * topic's end offset minus {@code slack}: 0 for a topic written without transactions (the raw
 * topics), 1 for one written by exactly-once producers, whose last offset is a commit marker that
 * a consumer never hands to its application (Flink's source commits the offset after the last
 * record it read).
 */
final class PipelineProgress implements AutoCloseable {

    /** One group reading one set of topics. */
    record Reader(String group, List<String> topics, long slack) {
    }

    /** One poll: end offsets and committed offsets, and whether every reader has caught up. */
    record Snapshot(Map<TopicPartition, Long> ends, Map<String, Map<TopicPartition, Long>> committed, boolean caughtUp) {

        /** Sum of the end offsets of a topic's partitions. */
        long end(String topic) {
            return ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue).sum();
        }

        /** Partitions of {@code topic} (a transactional topic's caught-up reader lags one commit marker on each). */
        int partitions(String topic) {
            return (int) ends.keySet().stream().filter(tp -> tp.topic().equals(topic)).count();
        }

        /** Records a group still has to commit on {@code topic} (end offsets minus committed; markers included). */
        long lag(String group, String topic) {
            long lag = 0;
            for (var e : ends.entrySet()) {
                if (e.getKey().topic().equals(topic)) {
                    lag += Math.max(0, e.getValue() - committed.getOrDefault(group, Map.of()).getOrDefault(e.getKey(), 0L));
                }
            }
            return lag;
        }
    }

    private final Admin admin;
    private final List<Reader> readers;
    private final List<TopicPartition> partitions = new ArrayList<>();

    PipelineProgress(String bootstrapServers, List<String> topics, List<Reader> readers) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(p);
        this.readers = List.copyOf(readers);
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
    }

    Snapshot poll() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>();
        boolean caughtUp = true;
        for (Reader r : readers) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> got = admin.listConsumerGroupOffsets(r.group())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            got.forEach((tp, o) -> {
                if (o != null) {
                    offsets.put(tp, o.offset());
                }
            });
            committed.put(r.group(), offsets);
            for (TopicPartition tp : partitions) {
                long end = ends.getOrDefault(tp, 0L);
                if (r.topics().contains(tp.topic()) && end > 0 && offsets.getOrDefault(tp, 0L) < end - r.slack()) {
                    caughtUp = false;
                }
            }
        }
        return new Snapshot(ends, committed, caughtUp);
    }

    @Override
    public void close() {
        admin.close();
    }
}
