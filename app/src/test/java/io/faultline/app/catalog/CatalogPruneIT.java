package io.faultline.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine;
import io.faultline.app.Faultline;

/**
 * {@code catalog load} against a real broker and registry: entities removed from the YAML are
 * tombstoned (after a dry run that lists them and changes nothing), generated network entries stay.
 */
class CatalogPruneIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");

    @TempDir
    Path workDir;

    static String runCli(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Faultline()).execute(args);
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The project's catalog minus one sector file: a user deleting a batch of services. */
    Path catalogWithout(Path catalog, String servicesFile) throws Exception {
        Path copy = workDir.resolve("catalog-edited");
        Files.createDirectories(copy.resolve("services"));
        Files.copy(catalog.resolve("providers.yaml"), copy.resolve("providers.yaml"));
        try (Stream<Path> files = Files.list(catalog.resolve("services"))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals(servicesFile)).toList()) {
                Files.copy(f, copy.resolve("services").resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void removedEntitiesAreTombstonedAndGeneratedNetworksKept() throws Exception {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        Path catalog = home.resolve("catalog");
        List<CatalogEntry> full = CatalogCommand.read(catalog).requireValid();
        Path edited = catalogWithout(catalog, "travel.yaml");
        Set<String> keptIds = CatalogCommand.read(edited).requireValid().stream().map(CatalogEntry::getEntityId)
                .collect(Collectors.toSet());
        Set<String> removed = full.stream().map(CatalogEntry::getEntityId).filter(id -> !keptIds.contains(id))
                .collect(Collectors.toSet());
        assertThat(removed).isNotEmpty();
        CatalogEntry network = CatalogEntry.newBuilder().setEntityId("as7922").setKind(EntityKind.NETWORK)
                .setName("AS7922 Comcast Cable Communications, LLC").setAsn(7922L).setCategory("asn-dataset").setEventTime(T0).build();

        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        String[] common = {"catalog", "load", "--bootstrap-servers", stack.bootstrapServers(), "--registry-url",
                stack.registryUrl(), "--topic-prefix", stack.topics().prefix()};
        runCli(concat(common, "--catalog-dir", catalog.toString()));
        CatalogCommand.publish(stack.bootstrapServers(), stack.topics(), registry, List.of(network));
        Map<String, CatalogEntry> before = CatalogTopicState.read(stack.bootstrapServers(), stack.topics(), registry);
        assertThat(before).hasSize(full.size() + 1);

        String dry = runCli(concat(common, "--catalog-dir", edited.toString(), "--dry-run"));
        assertThat(dry).contains("would tombstone " + removed.size() + " entities")
                .contains(removed.iterator().next()).contains("kept 1 generated network entries");
        assertThat(CatalogTopicState.read(stack.bootstrapServers(), stack.topics(), registry).keySet())
                .as("a dry run changes nothing").isEqualTo(before.keySet());

        String real = runCli(concat(common, "--catalog-dir", edited.toString()));
        assertThat(real).contains("tombstoned " + removed.size() + " entities");
        Map<String, CatalogEntry> after = CatalogTopicState.read(stack.bootstrapServers(), stack.topics(), registry);
        Set<String> expected = new HashSet<>(keptIds);
        expected.add("as7922");
        assertThat(after.keySet()).isEqualTo(expected);
        assertThat(after.get("as7922")).isEqualTo(network);

        String again = runCli(concat(common, "--catalog-dir", edited.toString(), "--no-prune"));
        assertThat(again).doesNotContain("tombstoned");
        String noop = runCli(concat(common, "--catalog-dir", edited.toString()));
        assertThat(noop).contains("tombstoned 0 entities");
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
