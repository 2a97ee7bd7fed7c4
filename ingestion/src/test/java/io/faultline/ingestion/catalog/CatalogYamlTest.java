package io.faultline.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;
import org.junit.jupiter.api.Test;

class CatalogYamlTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");
    /** The project's own catalog, beside this module. */
    private static final Path PROJECT_CATALOG = Path.of("..", "catalog");
    private static final Path BROKEN = Path.of("src/test/resources/catalog/broken");

    @Test
    void theProjectCatalogIsValidAndCoversTheReplayedOutages() {
        CatalogLoad load = CatalogYaml.load(PROJECT_CATALOG, T0);

        assertThat(load.errors()).isEmpty();
        Map<String, CatalogEntry> byId = load.entries().stream()
                .collect(Collectors.toMap(CatalogEntry::getEntityId, Function.identity()));
        assertThat(load.entries().stream().filter(e -> e.getKind() == EntityKind.SERVICE).count()).isGreaterThanOrEqualTo(150);
        assertThat(byId).containsKeys("coinbase", "binance", "dydx", "venmo", "slack", "aws", "aws/us-east-1", "fastly", "cloudflare");
        CatalogEntry region = byId.get("aws/us-east-1");
        assertThat(region.getKind()).isEqualTo(EntityKind.REGION);
        assertThat(region.getParentId()).isEqualTo("aws");
        assertThat(region.getRegionCode()).isEqualTo("us-east-1");
        assertThat(byId.get("coinbase").getDependsOn()).extracting(Dependency::getTarget).contains("aws/us-east-1");
        assertThat(byId.get("coinbase").getDependsOn()).allSatisfy(d -> assertThat(d.getSource()).startsWith("http"));
    }

    @Test
    void everyProblemIsReportedWithItsFileAndId() {
        CatalogLoad load = CatalogYaml.load(BROKEN, T0);

        assertThat(load.valid()).isFalse();
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("b.yaml", "coinbase", "duplicate id", "a.yaml"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("coinbase", "unknown dependency 'aws/mars-north-1'"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("fastly", "kind 'edge-magic'"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("Slack", "id must match"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("venmo", "statusPage.url"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("venmo", "statusPage.format 'carrier-pigeon'"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("venmo", "evidence 'a-hunch'"));
        assertThatThrownBy(load::requireValid).hasMessageContaining("catalog is invalid");
    }

    @Test
    void aMissingCatalogDirectoryIsAnErrorNotACrash() {
        CatalogLoad load = CatalogYaml.load(Path.of("no-such-dir"), T0);
        assertThat(load.errors()).singleElement().asString().contains("providers.yaml", "missing");
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithItsLineAndColumn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("providers.yaml"), "providers:\n  - id: aws\n    kind: cloud\n   - id: oops\n");
        CatalogLoad load = CatalogYaml.load(dir, T0);
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).matches("providers\\.yaml:\\d+:\\d+: not valid YAML: .+"));
    }

    @Test
    void aBinaryFileIsNamedAsSuchNotAsACharsetException(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("providers.yaml"), "providers: []\n");
        java.nio.file.Files.createDirectories(dir.resolve("services"));
        java.nio.file.Files.write(dir.resolve("services/logo.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0, 1});
        CatalogLoad load = CatalogYaml.load(dir, T0);
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("logo.yaml", "not a UTF-8 text file")
                .doesNotContain("Exception"));
    }
}
