package io.faultline.bench.e2e;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;

import java.util.List;

/**
 * Exact record counts of each stage's topic after a run (read_committed, read to the end), and
 * the last revision of each incident.
 */
public record StageCounts(long raw, long signals, long healthChanges, long incidentRevisions, long deadLetters,
                          List<String> finalIncidents) {

    static StageCounts read(EmbeddedStack stack, SchemaRegistry registry) {
        Topics topics = stack.topics();
        String bootstrap = stack.bootstrapServers();
        long raw = 0;
        for (Topics.Topic<?> t : topics.raw()) {
            raw += TopicRecords.count(bootstrap, t.name());
        }
        IncidentTally incidents = new IncidentTally(topics.incidents.serde(registry).deserializer(), topics.incidents.name());
        TopicRecords.read(bootstrap, topics.incidents.name(), incidents::add);
        return new StageCounts(raw, TopicRecords.count(bootstrap, topics.signals.name()),
                TopicRecords.count(bootstrap, topics.serviceHealth.name()), incidents.revisions(),
                TopicRecords.count(bootstrap, topics.deadLetters.name()), incidents.finalRevisions());
    }
}
