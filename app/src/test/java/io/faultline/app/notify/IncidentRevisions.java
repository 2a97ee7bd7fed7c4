package io.faultline.app.notify;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.IncidentState;
import io.faultline.avro.SuspectedCause;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Writes incident revisions to the real incidents topic, transactionally, as the correlation job's sink does. */
final class IncidentRevisions implements AutoCloseable {

    static final Instant T0 = Instant.parse("2021-12-07T15:31:00Z");

    private final KafkaProducer<String, CorrelatedIncident> producer;
    private final String topic;

    IncidentRevisions(String bootstrapServers, Topics topics, SchemaRegistry registry) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notify-it-" + java.util.UUID.randomUUID());
        AvroSerde<CorrelatedIncident> serde = topics.incidents.serde(registry);
        producer = new KafkaProducer<>(p, new StringSerializer(), serde.serializer());
        producer.initTransactions();
        topic = topics.incidents.name();
    }

    /** Commits the revisions in one transaction (read_committed readers see them all at once). */
    void write(CorrelatedIncident... revisions) {
        producer.beginTransaction();
        for (CorrelatedIncident r : revisions) {
            producer.send(new ProducerRecord<>(topic, r.getIncidentId(), r));
        }
        producer.commitTransaction();
    }

    /** A revision of incident {@code id} caused by {@code cause}, {@code minutes} after T0, with these members down (or up once resolved). */
    static CorrelatedIncident revision(String id, long rev, IncidentState state, String cause, double confidence, int minutes,
                                       String... members) {
        Instant at = T0.plusSeconds(60L * minutes);
        List<IncidentMember> list = new ArrayList<>();
        for (String m : members) {
            list.add(IncidentMember.newBuilder().setServiceId(m).setServiceName(m.substring(0, 1).toUpperCase() + m.substring(1))
                    .setState(state == IncidentState.RESOLVED ? HealthState.UP : HealthState.DOWN).setJoinedAt(T0)
                    .setLeftAt(state == IncidentState.RESOLVED ? at : null).setRegion("us-east-1").build());
        }
        return CorrelatedIncident.newBuilder()
                .setIncidentId(id).setRevision(rev).setState(state)
                .setTitle(cause + ": " + members.length + " services impaired")
                .setCause(SuspectedCause.newBuilder().setComponentId(cause).setComponentName(cause.toUpperCase())
                        .setComponentKind(cause.contains("/") ? "REGION" : "PROVIDER").setConfidence(confidence).build())
                .setMembers(list)
                .setOpenedAt(T0).setFirstImpairedAt(T0)
                .setResolvedAt(state == IncidentState.RESOLVED ? at : null)
                .setEventTime(at)
                .build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
