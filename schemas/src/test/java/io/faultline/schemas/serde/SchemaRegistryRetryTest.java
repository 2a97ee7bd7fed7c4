package io.faultline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import io.faultline.avro.ServiceSignal;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;
import org.junit.jupiter.api.Test;

/** Transient registry failures (5xx) are retried a few times; answers (4xx) are not. */
class SchemaRegistryRetryTest {

    static final String TOPIC = "faultline.signals";

    /** A registry that answers {@code status} to the first {@code failures} registrations. */
    static final class Flaky extends MockSchemaRegistryClient {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final int status;

        Flaky(int failures, int status) {
            this.failures = failures;
            this.status = status;
        }

        @Override
        public synchronized int register(String subject, ParsedSchema schema) throws IOException, RestClientException {
            if (calls.incrementAndGet() <= failures) {
                throw new RestClientException("Timeout trying to lock table", status, status * 100);
            }
            return super.register(subject, schema);
        }
    }

    @Test
    void aRegistryBusyForAMomentIsRetried() {
        Flaky flaky = new Flaky(SchemaRegistry.ATTEMPTS - 1, 500);
        int id = idFor(flaky);
        assertThat(id).isPositive();
        assertThat(flaky.calls).hasValue(SchemaRegistry.ATTEMPTS);
    }

    @Test
    void aRegistryThatStaysDownIsReportedUnavailable() {
        Flaky flaky = new Flaky(Integer.MAX_VALUE, 503);
        assertThatThrownBy(() -> idFor(flaky))
                .isInstanceOfSatisfying(SerdeException.class, e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.REGISTRY_UNAVAILABLE));
        assertThat(flaky.calls).hasValue(SchemaRegistry.ATTEMPTS);
    }

    @Test
    void aRefusalIsAnAnswerAndNotRetried() {
        Flaky flaky = new Flaky(Integer.MAX_VALUE, 409);
        assertThatThrownBy(() -> idFor(flaky))
                .isInstanceOfSatisfying(SerdeException.class, e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.INCOMPATIBLE_SCHEMA));
        assertThat(flaky.calls).hasValue(1);
    }

    /** The schema id of ServiceSignal's value schema, asked of {@code flaky}. */
    private static int idFor(Flaky flaky) {
        return new SchemaRegistry(flaky, true).idFor(TOPIC, SchemaRegistry.valueSubject(TOPIC), ServiceSignal.getClassSchema());
    }
}
