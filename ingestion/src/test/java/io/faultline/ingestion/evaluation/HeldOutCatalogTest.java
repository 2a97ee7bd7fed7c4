package io.faultline.ingestion.evaluation;

import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.catalog.CatalogYaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HeldOutCatalogTest {

    private static final Path ROOT = Path.of("..");
    private static final Instant LOADED = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void edges_citing_the_replays_own_sources_are_dropped_and_no_others() {
        List<CatalogEntry> catalog = CatalogYaml.load(ROOT.resolve("catalog"), LOADED).requireValid();
        Set<String> sources = HeldOutCatalog.sourceUrls(ROOT.resolve("replays/fastly-2021-06-08/timeline.yaml"));

        HeldOutCatalog.HeldOut heldOut = HeldOutCatalog.without(catalog, sources);

        long before = catalog.stream().mapToLong(e -> e.getDependsOn().size()).sum();
        long after = heldOut.entries().stream().mapToLong(e -> e.getDependsOn().size()).sum();
        assertThat(heldOut.droppedEdges()).isPositive();
        assertThat(after).isEqualTo(before - heldOut.droppedEdges());
        assertThat(heldOut.entries()).hasSameSizeAs(catalog);
        assertThat(heldOut.entries()).flatMap(CatalogEntry::getDependsOn)
                .noneMatch(d -> d.getSource() != null && sources.contains(d.getSource()));
    }
}
