package io.faultline.bench.e2e;

import io.faultline.avro.CorrelatedIncident;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;

/** Incident revisions read back from the incidents topic: how many, and the last one of each incident. */
final class IncidentTally {

    private final Deserializer<CorrelatedIncident> values;
    private final String topic;
    private final Map<String, CorrelatedIncident> latest = new TreeMap<>();
    private final Map<String, SortedSet<Long>> seen = new TreeMap<>();
    private long revisions;

    IncidentTally(Deserializer<CorrelatedIncident> values, String topic) {
        this.values = values;
        this.topic = topic;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone on the compacted topic is no revision
        }
        revisions++;
        CorrelatedIncident i = values.deserialize(topic, record.value());
        latest.merge(i.getIncidentId(), i, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
        seen.computeIfAbsent(i.getIncidentId(), k -> new TreeSet<>()).add(i.getRevision());
    }

    long revisions() {
        return revisions;
    }

    /** One line per incident: id, last revision, revisions absent from the topic, state, named cause. */
    List<String> finalRevisions() {
        return latest.values().stream().map(i -> {
            List<Long> missing = LongStream.rangeClosed(1, i.getRevision())
                    .filter(r -> !seen.get(i.getIncidentId()).contains(r)).boxed().toList();
            return i.getIncidentId() + " rev " + i.getRevision() + " " + i.getState() + " cause "
                    + (i.getCause().getComponentId() == null ? "unknown" : i.getCause().getComponentId())
                    + (missing.isEmpty() ? "" : "; revisions compacted away (the incidents topic keeps the latest revision per incident): " + missing);
        }).toList();
    }
}
