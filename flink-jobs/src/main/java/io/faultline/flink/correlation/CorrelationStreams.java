package io.faultline.flink.correlation;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

/** What the correlation job produces: incident revisions and the inputs it had to reject. */
public record CorrelationStreams(DataStream<CorrelatedIncident> incidents, DataStream<DeadLetter> deadLetters) {
}
