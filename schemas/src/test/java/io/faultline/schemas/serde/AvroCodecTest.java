package io.faultline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire format and its typed errors, against the registry client's own in-memory mock. */
class AvroCodecTest {

    private static final String TOPIC = "faultline.signals";
    private static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");

    private MockSchemaRegistryClient client;
    private AvroCodec<ServiceSignal> codec;

    @BeforeEach
    void setUp() {
        client = new MockSchemaRegistryClient();
        codec = new AvroCodec<>(new SchemaRegistry(client, true), ServiceSignal.class);
    }

    private static ServiceSignal signal() {
        return ServiceSignal.newBuilder()
                .setSignalId("probe:coinbase:1").setEntityId("coinbase").setSource(SignalSource.PROBE)
                .setObservedState(HealthState.DOWN).setStrength(0.8).setRegion("us-east-1")
                .setDetail("3/4 vantages failed").setEventTime(T0).setObservedAt(T0.plusSeconds(5)).build();
    }

    @Test
    void roundTripsInTheConfluentWireFormatUnderTheTopicValueSubject() throws Exception {
        byte[] bytes = codec.encode(TOPIC, signal());

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(client.getAllSubjects()).containsExactly("faultline.signals-value");
        assertThat(client.getId("faultline.signals-value", new AvroSchema(ServiceSignal.getClassSchema().toString()))).isEqualTo(id);
        assertThat(codec.decode(TOPIC, bytes)).isEqualTo(signal());
    }

    @Test
    void wrongMagicByteIsATypedError() {
        byte[] bytes = codec.encode(TOPIC, signal());
        bytes[0] = 1;

        assertThatThrownBy(() -> codec.decode(TOPIC, bytes))
                .isInstanceOfSatisfying(SerdeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SerdeException.Kind.UNKNOWN_MAGIC_BYTE);
                    assertThat(e.topic()).isEqualTo(TOPIC);
                })
                .hasMessageContaining("magic byte is 0x01");
    }

    @Test
    void unknownSchemaIdIsATypedError() {
        byte[] bytes = codec.encode(TOPIC, signal());
        ByteBuffer.wrap(bytes).putInt(1, 424242);

        assertThatThrownBy(() -> codec.decode(TOPIC, bytes))
                .isInstanceOfSatisfying(SerdeException.class,
                        e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("424242");
    }

    @Test
    void truncatedAndGarbageBodiesAreTypedErrors() {
        byte[] bytes = codec.encode(TOPIC, signal());

        assertThatThrownBy(() -> codec.decode(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOfSatisfying(SerdeException.class, e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.TRUNCATED));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 7);
        assertThatThrownBy(() -> codec.decode(TOPIC, cut))
                .isInstanceOfSatisfying(SerdeException.class, e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.UNDECODABLE));
        byte[] garbage = Arrays.copyOf(bytes, bytes.length);
        Arrays.fill(garbage, 5, garbage.length, (byte) 0xff);
        assertThatThrownBy(() -> codec.decode(TOPIC, garbage))
                .isInstanceOfSatisfying(SerdeException.class, e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.UNDECODABLE));
    }

    @Test
    void withAutoRegistrationOffAnUnregisteredSchemaIsRefused() {
        AvroCodec<ServiceSignal> strict = new AvroCodec<>(new SchemaRegistry(client, false), ServiceSignal.class);

        assertThatThrownBy(() -> strict.encode(TOPIC, signal()))
                .isInstanceOfSatisfying(SerdeException.class,
                        e -> assertThat(e.kind()).isEqualTo(SerdeException.Kind.SCHEMA_NOT_REGISTERED));

        codec.encode(TOPIC, signal()); // a release registers it
        assertThat(strict.decode(TOPIC, strict.encode(TOPIC, signal()))).isEqualTo(signal());
    }

    @Test
    void readsDataWrittenWithAnOlderWriterSchema() throws Exception {
        // an older producer that did not have 'vantageAsn' and 'rawRef' yet
        Schema current = ServiceSignal.getClassSchema();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream()
                        .filter(f -> !f.name().equals("vantageAsn") && !f.name().equals("rawRef"))
                        .map(f -> new Schema.Field(f, f.schema()))
                        .toList());
        assertThat(older.getField("vantageAsn")).isNull();
        assertThat(older.getField("rawRef")).isNull();
        int id = client.register("faultline.signals-value", new AvroSchema(older.toString()));
        GenericRecord r = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            Object v = signal().get(f.name());
            if (v instanceof Instant i) {
                v = i.toEpochMilli();
            } else if (v instanceof Enum<?> e) {
                v = new GenericData.EnumSymbol(f.schema(), e.name());
            }
            r.put(f.name(), v);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(r, enc);
        enc.flush();

        ServiceSignal read = codec.decode(TOPIC, out.toByteArray());

        assertThat(read.getEntityId()).isEqualTo("coinbase");
        assertThat(read.getVantageAsn()).isNull();
        assertThat(read.getEventTime()).isEqualTo(T0);
    }

    @Test
    void nullStaysNullForTombstones() {
        AvroSerde<ServiceSignal> serde = new AvroSerde<>(codec);
        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }
}
