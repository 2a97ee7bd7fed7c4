package io.faultline.flink;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeResult;
import io.faultline.flink.kafka.DecodeOrDeadLetter;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.schemas.Topics;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Proves the wiring end to end: probe results are read from {@code raw.probe} through the
 * schema registry, decoded in Flink, re-encoded and written exactly once to
 * {@code wiring-check}; anything undecodable goes to the dead-letter topic. It carries no
 * detection logic: it is what {@code faultline demo} runs until the correlation job lands, and
 * what the integration test checks.
 */
public final class WiringCheckJob {

    public static final String NAME = "faultline-wiring-check";

    private final KafkaIO kafka;
    private final Topics topics;

    public WiringCheckJob(KafkaIO kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** Adds the job's operators to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env, boolean bounded) {
        SingleOutputStreamOperator<ProbeResult> probes = env
                .fromSource(kafka.source(topics.rawProbe.name(), NAME, bounded), WatermarkStrategy.noWatermarks(), "raw-probe-source")
                .uid("raw-probe-source")
                .process(new DecodeOrDeadLetter<>(kafka.registry(), ProbeResult.class), new AvroTypeInfo<>(ProbeResult.class))
                .name("decode-probe-results").uid("decode-probe-results");

        probes.sinkTo(kafka.sink(topics.wiringCheck.name(), ProbeResult.class, NAME + "-out",
                        ProbeResult::getTargetId, ProbeResult::getEventTime))
                .name("wiring-check-sink").uid("wiring-check-sink");

        probes.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS)
                .sinkTo(kafka.deadLetterSink(topics.deadLetters.name(), NAME + "-dlq"))
                .name("dead-letter-sink").uid("dead-letter-sink");
    }
}
