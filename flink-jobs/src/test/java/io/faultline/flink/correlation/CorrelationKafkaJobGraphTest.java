package io.faultline.flink.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.faultline.flink.clickhouse.ClickHouseSinkConfig;
import io.faultline.flink.clickhouse.CorrelationHistorySinks;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.RegistryRef;
import io.faultline.schemas.Topics;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** What {@link CorrelationKafkaJob} builds (graph only, nothing runs): the ClickHouse sinks are there only when asked for. */
class CorrelationKafkaJobGraphTest {

    private static StreamGraph graph(boolean withClickHouse) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(3);
        CorrelationKafkaJob job = new CorrelationKafkaJob(new KafkaIO("127.0.0.1:9", new RegistryRef("http://127.0.0.1:9", false)),
                Topics.withPrefix(Topics.DEFAULT_PREFIX), CorrelationJobConfig.defaults());
        if (withClickHouse) {
            job = job.withClickHouse(ClickHouseSinkConfig.of("jdbc:clickhouse:http://127.0.0.1:8123/faultline"));
        }
        job.build(env, CorrelationKafkaJob.Range.live());
        return env.getStreamGraph();
    }

    private static Map<String, StreamNode> byUid(StreamGraph graph) {
        return graph.getStreamNodes().stream().filter(n -> n.getTransformationUID() != null)
                .collect(Collectors.toMap(StreamNode::getTransformationUID, Function.identity(), (a, b) -> a));
    }

    @Test
    void withClickHouseTheHistorySinksFollowTheirInputsOneToOne() {
        StreamGraph graph = graph(true);
        Map<String, StreamNode> nodes = byUid(graph);

        assertThat(nodes).containsKeys(CorrelationHistorySinks.INCIDENTS_UID, CorrelationHistorySinks.MEMBERS_UID,
                CorrelationHistorySinks.EVENTS_UID, CorrelationHistorySinks.HEALTH_UID, CorrelationHistorySinks.SIGNALS_UID);
        StreamNode correlate = nodes.get("correlate-and-attribute");
        StreamNode decodeHealth = nodes.get("decode-service-health");
        for (String uid : new String[] {CorrelationHistorySinks.INCIDENTS_UID, CorrelationHistorySinks.MEMBERS_UID,
                CorrelationHistorySinks.EVENTS_UID}) {
            assertThat(inputOf(graph, nodes.get(uid))).as(uid + " reads the correlation's output").isSameAs(correlate);
            assertThat(nodes.get(uid).getParallelism()).as(uid).isEqualTo(1);
        }
        StreamNode health = nodes.get(CorrelationHistorySinks.HEALTH_UID);
        assertThat(inputOf(graph, health)).as("health sink reads the decoded health changes").isSameAs(decodeHealth);
        assertThat(health.getParallelism()).isEqualTo(decodeHealth.getParallelism()).isEqualTo(3);
        StreamNode signals = nodes.get(CorrelationHistorySinks.SIGNALS_UID);
        assertThat(inputOf(graph, signals)).as("signals sink reads the decoded signals").isSameAs(nodes.get("decode-signals"));
        assertThat(signals.getParallelism()).isEqualTo(3);
    }

    @Test
    void withoutClickHouseTheJobIsUnchanged() {
        assertThat(byUid(graph(false)).keySet()).noneMatch(uid -> uid.startsWith("clickhouse-"));
    }

    /** The node feeding {@code sink} (a writer without pre-commit topology has one input). */
    private static StreamNode inputOf(StreamGraph graph, StreamNode sink) {
        assertThat(sink.getInEdges()).hasSize(1);
        StreamEdge in = sink.getInEdges().get(0);
        return graph.getStreamNode(in.getSourceId());
    }
}
