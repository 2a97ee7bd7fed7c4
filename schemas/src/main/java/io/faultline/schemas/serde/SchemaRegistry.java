package io.faultline.schemas.serde;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.ParsedSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException;

/**
 * Schema ids and writer schemas, through Confluent's own registry client (the copy relocated
 * inside {@code flink-sql-avro-confluent-registry}), so only the Confluent REST API is used.
 * The client's Avro types are relocated; we cross that boundary as schema JSON text only, and
 * keep both directions cached here so the registry is asked once per schema and per id.
 */
public final class SchemaRegistry {

    /** Confluent error code for "schema not found" (404xx family). */
    private static final int ERROR_SCHEMA_NOT_FOUND = 40403;
    private static final int ERROR_SUBJECT_NOT_FOUND = 40401;
    private static final int IDENTITY_MAP_CAPACITY = 1000;

    private final SchemaRegistryClient client;
    private final boolean autoRegister;
    private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    /** Fast path: the same Schema instance (a generated class's SCHEMA$) under the same subject. */
    private final Map<SchemaInstance, Integer> idByInstance = new ConcurrentHashMap<>();

    public SchemaRegistry(RegistryConfig config) {
        this(new CachedSchemaRegistryClient(config.urls().stream().map(Object::toString).toList(),
                IDENTITY_MAP_CAPACITY, clientConfig(config), Map.of()), config.autoRegister());
    }

    /** For tests that bring the client's own mock; production code uses {@link #SchemaRegistry(RegistryConfig)}. */
    public SchemaRegistry(SchemaRegistryClient client, boolean autoRegister) {
        this.client = client;
        this.autoRegister = autoRegister;
    }

    private static Map<String, Object> clientConfig(RegistryConfig config) {
        Map<String, Object> c = new HashMap<>();
        config.userInfo().ifPresent(u -> {
            c.put("basic.auth.credentials.source", "USER_INFO");
            c.put("basic.auth.user.info", u);
        });
        config.bearerToken().ifPresent(t -> {
            c.put("bearer.auth.credentials.source", "STATIC_TOKEN");
            c.put("bearer.auth.token", t);
        });
        return c;
    }

    /** TopicNameStrategy: the value schema of topic {@code t} lives under subject {@code t-value}. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /**
     * The id of {@code schema} under {@code subject}: registered on first use when
     * auto-registration is on, otherwise looked up (and refused if absent).
     */
    public int idFor(String topic, String subject, Schema schema) {
        SchemaInstance instance = new SchemaInstance(subject, schema);
        Integer known = idByInstance.get(instance);
        if (known != null) {
            return known;
        }
        // Schema.toString() costs more than encoding the record itself, so it is only paid once per instance
        String key = subject + '\u0000' + schema.toString();
        Integer cached = idBySubjectAndSchema.get(key);
        if (cached != null) {
            idByInstance.put(instance, cached);
            return cached;
        }
        ParsedSchema parsed = new AvroSchema(schema.toString());
        int id;
        try {
            id = transientRetried(() -> autoRegister ? client.register(subject, parsed) : client.getId(subject, parsed));
        } catch (RestClientException e) {
            if (!autoRegister && (e.getErrorCode() == ERROR_SCHEMA_NOT_FOUND || e.getErrorCode() == ERROR_SUBJECT_NOT_FOUND
                    || e.getStatus() == 404)) {
                throw new SerdeException(SerdeException.Kind.SCHEMA_NOT_REGISTERED, topic,
                        "schema " + schema.getFullName() + " is not registered under subject '" + subject
                                + "' and auto-registration is off", e);
            }
            if (e.getStatus() == 409) {
                throw new SerdeException(SerdeException.Kind.INCOMPATIBLE_SCHEMA, topic,
                        "registry refused schema " + schema.getFullName() + " under '" + subject + "': " + e.getMessage(), e);
            }
            throw new SerdeException(SerdeException.Kind.REGISTRY_UNAVAILABLE, topic, e.getMessage(), e);
        } catch (IOException e) {
            throw new SerdeException(SerdeException.Kind.REGISTRY_UNAVAILABLE, topic, e.toString(), e);
        }
        idBySubjectAndSchema.put(key, id);
        idByInstance.put(instance, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    /** A registry call. */
    private interface Call<T> {
        T run() throws RestClientException, IOException;
    }

    /** Attempts of a registry call that fails transiently (5xx, I/O) before the failure is reported. */
    static final int ATTEMPTS = 4;

    /**
     * Runs {@code call}, again after 100, 200 and 400 ms when it fails transiently: a registry
     * answers 5xx under brief contention (the embedded Apicurio's H2 store timed out on a table lock
     * while three clients registered their first schemas at once). A 4xx is an answer, not retried.
     */
    private static <T> T transientRetried(Call<T> call) throws RestClientException, IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (RestClientException e) {
                if (e.getStatus() < 500 || attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100L << (attempt - 1)); // back-off between attempts, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while retrying the schema registry", e);
            }
        }
    }

    /** A subject and a schema compared by identity, not by (costly) structural equality. */
    private record SchemaInstance(String subject, Schema schema) {

        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaInstance other && other.schema == schema && other.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }

    /** The writer schema registered under {@code id}. */
    public Schema schemaById(String topic, int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            ParsedSchema parsed = transientRetried(() -> client.getSchemaById(id));
            if (!"AVRO".equals(parsed.schemaType())) {
                throw new SerdeException(SerdeException.Kind.UNDECODABLE, topic,
                        "schema id " + id + " is a " + parsed.schemaType() + " schema, not Avro");
            }
            Schema schema = new Schema.Parser().parse(parsed.canonicalString());
            schemaById.putIfAbsent(id, schema);
            return schema;
        } catch (RestClientException e) {
            if (e.getStatus() == 404) {
                throw new SerdeException(SerdeException.Kind.UNKNOWN_SCHEMA_ID, topic,
                        "schema id " + id + " is not known to the registry", e);
            }
            throw new SerdeException(SerdeException.Kind.REGISTRY_UNAVAILABLE, topic, e.getMessage(), e);
        } catch (IOException e) {
            throw new SerdeException(SerdeException.Kind.REGISTRY_UNAVAILABLE, topic, e.toString(), e);
        }
    }

    /** Subjects the registry knows (for health checks and the CLI). */
    public List<String> subjects() {
        try {
            return List.copyOf(client.getAllSubjects());
        } catch (RestClientException | IOException e) {
            throw new SerdeException(SerdeException.Kind.REGISTRY_UNAVAILABLE, "-", e.toString(), e);
        }
    }

    public boolean autoRegister() {
        return autoRegister;
    }
}
