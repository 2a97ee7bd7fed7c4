package io.faultline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/**
 * Every contract in src/main/avro must stay BACKWARD compatible with its last released version
 * (a consumer on the new schema reads data written with the old one), judged by Avro's own
 * {@link SchemaCompatibility}; and the contracts must be documented and event-timed.
 */
class SchemaCompatibilityTest {

    private static final Path SOURCES = Path.of(System.getProperty("faultline.schemas.dir", "src/main/avro"));
    private static final Path RELEASED = Path.of(System.getProperty("faultline.schemas.released.dir", "src/test/resources/released"));

    /** Parses the contracts the way the build does: shared types in common/ first. */
    static List<Schema> currentSchemas() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        List<Schema> records = new ArrayList<>();
        try (Stream<Path> common = Files.list(SOURCES.resolve("common"))) {
            for (Path p : common.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                parser.parse(p.toFile());
            }
        }
        try (Stream<Path> top = Files.list(SOURCES)) {
            for (Path p : top.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                records.add(parser.parse(p.toFile()));
            }
        }
        return records;
    }

    /** BACKWARD: can a reader with {@code next} read what a writer with {@code released} wrote? */
    static SchemaCompatibility.SchemaPairCompatibility backward(Schema released, Schema next) {
        return SchemaCompatibility.checkReaderWriterCompatibility(next, released);
    }

    @TestFactory
    Stream<DynamicTest> everyContractIsBackwardCompatibleWithItsReleasedVersion() throws IOException {
        return currentSchemas().stream().map(current -> DynamicTest.dynamicTest(current.getName(), () -> {
            Path releasedFile = RELEASED.resolve(current.getName() + ".avsc");
            assertThat(releasedFile).as("released version of " + current.getName()
                    + " (add it when a new contract is released)").exists();
            Schema released = new Schema.Parser().parse(releasedFile.toFile());
            var result = backward(released, current);
            assertThat(result.getType())
                    .as("%s is not BACKWARD compatible with %s: %s%nnew schema:%n%s", current.getName(), releasedFile,
                            result.getResult().getIncompatibilities(), current.toString(true))
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }));
    }

    @Test
    void addingARequiredFieldWithoutDefaultIsCaught() throws IOException {
        Schema released = new Schema.Parser().parse(RELEASED.resolve("ServiceSignal.avsc").toFile());
        String json = released.toString();
        String withRequiredField = json.replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\",\"doc\":\"added without a default\"},");
        Schema next = new Schema.Parser().parse(withRequiredField);

        var result = backward(released, next);

        assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(result.getResult().getIncompatibilities())
                .anySatisfy(i -> assertThat(i.getMessage()).contains("tenant"));
    }

    @Test
    void addingAnOptionalFieldWithDefaultIsAccepted() throws IOException {
        Schema released = new Schema.Parser().parse(RELEASED.resolve("ServiceSignal.avsc").toFile());
        String withOptional = released.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"optional\"},");

        assertThat(backward(released, new Schema.Parser().parse(withOptional)).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyFieldIsDocumentedAndEveryRecordCarriesItsEventTime() throws IOException {
        for (Schema s : currentSchemas()) {
            assertThat(s.getDoc()).as(s.getName() + " doc").isNotBlank();
            assertThat(s.getField("eventTime")).as(s.getName() + ".eventTime").isNotNull();
            assertThat(s.getField("eventTime").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
            for (Schema.Field f : s.getFields()) {
                assertThat(f.doc()).as(s.getName() + "." + f.name() + " doc").isNotBlank();
            }
        }
    }
}
