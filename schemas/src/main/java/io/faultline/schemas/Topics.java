package io.faultline.schemas;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.faultline.avro.AlertDelivery;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.schemas.serde.AvroCodec;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every topic of the pipeline, declared once with its value type. Keys are UTF-8 strings (ids);
 * values are Avro in the Confluent wire format. Nobody else writes a topic name.
 *
 * <p>{@code raw.probe} carries two value types (ProbeResult and ProbeConnectionEvent), so it is
 * split into {@code raw.probe} and {@code raw.probe-connection}: one subject per topic keeps
 * TopicNameStrategy and BACKWARD compatibility checks simple.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "faultline.";
    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

    /** One topic and the Avro type of its values. */
    public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, boolean compacted) {
        public Topic {
            Objects.requireNonNull(name);
            Objects.requireNonNull(valueType);
        }

        /** A Kafka serde for this topic's values against {@code registry}. */
        public AvroSerde<V> serde(SchemaRegistry registry) {
            return new AvroSerde<>(new AvroCodec<>(registry, valueType));
        }
    }

    public final Topic<StatusPageObservation> rawStatusPage;
    public final Topic<SocialPost> rawSocial;
    public final Topic<ProbeResult> rawProbe;
    public final Topic<ProbeConnectionEvent> rawProbeConnection;
    public final Topic<CatalogEntry> catalog;
    public final Topic<ServiceSignal> signals;
    public final Topic<ServiceHealth> serviceHealth;
    public final Topic<CorrelatedIncident> incidents;
    public final Topic<DeadLetter> deadLetters;
    /** Internal: the status-page poller's last-seen state per page (compacted), restored at start. */
    public final Topic<StatusPagePollerState> statusPagePollerState;
    /** Internal: the notify stage's last acknowledged alert per subscription and incident (compacted), read back at start. */
    public final Topic<AlertDelivery> notifyDeliveries;
    /** Diagnostic: raw probe results copied through Flink by the wiring check (see WiringCheckJob). */
    public final Topic<ProbeResult> wiringCheck;

    private final String prefix;

    private Topics(String prefix) {
        this.prefix = prefix;
        rawStatusPage = new Topic<>(prefix + "raw.statuspage", StatusPageObservation.class, false);
        rawSocial = new Topic<>(prefix + "raw.social", SocialPost.class, false);
        rawProbe = new Topic<>(prefix + "raw.probe", ProbeResult.class, false);
        rawProbeConnection = new Topic<>(prefix + "raw.probe-connection", ProbeConnectionEvent.class, false);
        catalog = new Topic<>(prefix + "catalog", CatalogEntry.class, true);
        signals = new Topic<>(prefix + "signals", ServiceSignal.class, false);
        serviceHealth = new Topic<>(prefix + "service-health", ServiceHealth.class, false);
        incidents = new Topic<>(prefix + "incidents", CorrelatedIncident.class, true);
        deadLetters = new Topic<>(prefix + "dlq", DeadLetter.class, false);
        wiringCheck = new Topic<>(prefix + "wiring-check", ProbeResult.class, false);
        statusPagePollerState = new Topic<>(prefix + "statuspage-poller-state", StatusPagePollerState.class, true);
        notifyDeliveries = new Topic<>(prefix + "notify-deliveries", AlertDelivery.class, true);
    }

    /** Topics under {@code prefix} (e.g. {@code "faultline."}); validated so a typo fails at start-up. */
    public static Topics withPrefix(String prefix) {
        if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "': only letters, digits, '.', '_' and '-' are allowed in Kafka topic names");
        }
        return new Topics(prefix);
    }

    public static Topics defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** The raw topics, in the order replays write them. */
    public List<Topic<? extends SpecificRecord>> raw() {
        return List.of(rawStatusPage, rawSocial, rawProbe, rawProbeConnection);
    }

    public List<Topic<? extends SpecificRecord>> all() {
        return List.of(rawStatusPage, rawSocial, rawProbe, rawProbeConnection, catalog, signals, serviceHealth,
                incidents, deadLetters, wiringCheck, statusPagePollerState, notifyDeliveries);
    }
}
