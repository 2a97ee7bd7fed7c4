package io.faultline.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;

class CatalogPruneTest {

    static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");

    static CatalogEntry entry(String id, EntityKind kind, String category) {
        return CatalogEntry.newBuilder().setEntityId(id).setKind(kind).setName(id).setCategory(category).setEventTime(T0).build();
    }

    @Test
    void onlyYamlOwnedEntitiesMissingFromTheYamlAreTombstoned() {
        Map<String, CatalogEntry> current = new HashMap<>();
        current.put("coinbase", entry("coinbase", EntityKind.SERVICE, "crypto-exchange"));
        current.put("ftx", entry("ftx", EntityKind.SERVICE, "crypto-exchange"));
        current.put("aws/us-east-9", entry("aws/us-east-9", EntityKind.REGION, null));
        current.put("as7922", entry("as7922", EntityKind.NETWORK, CatalogPrune.GENERATED_CATEGORY));
        current.put("mystery", null);

        CatalogPrune.Plan plan = CatalogPrune.plan(current, Set.of("coinbase", "aws"));

        assertThat(plan.tombstones()).containsExactly("aws/us-east-9", "ftx");
        assertThat(plan.keptGenerated()).containsExactly("as7922");
        assertThat(plan.undecodable()).containsExactly("mystery");
    }

    @Test
    void nothingToDoWhenTopicAndYamlAgree() {
        CatalogPrune.Plan plan = CatalogPrune.plan(Map.of("coinbase", entry("coinbase", EntityKind.SERVICE, "x")), Set.of("coinbase", "new"));
        assertThat(plan.tombstones()).isEmpty();
        assertThat(plan.keptGenerated()).isEmpty();
        assertThat(plan.undecodable()).isEmpty();
    }
}
