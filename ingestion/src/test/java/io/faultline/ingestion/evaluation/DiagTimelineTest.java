package io.faultline.ingestion.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faultline.core.correlation.*;
import io.faultline.core.evaluation.*;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.schemas.mapping.CatalogEntities;
import org.junit.jupiter.api.Test;

import java.nio.file.*;
import java.time.Instant;
import java.util.*;

class DiagTimelineTest {
    @Test
    void diag() throws Exception {
        Path root = Path.of("..");
        var all = CatalogYaml.load(root.resolve("catalog"), Instant.now()).entries(); var graph0 = CatalogEntities.graph(all);
        
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var dirs = Files.list(root.resolve("replays"))) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                JsonNode t = yaml.readTree(d.resolve("timeline.yaml").toFile()); var graph = System.getenv("HELDOUT")==null? graph0 : CatalogEntities.graph(HeldOutCatalog.without(all, HeldOutCatalog.sourceUrls(d.resolve("timeline.yaml"))).entries());
                List<CorrelationInput> in = new ArrayList<>();
                for (JsonNode s : t.path("services")) {
                    if (graph.indexOf(s.path("id").asText()) < 0) { System.out.println("  not in catalog: " + s.path("id").asText()); continue; }
                    HealthLevel lvl = "down".equals(s.path("severity").asText()) ? HealthLevel.DOWN : HealthLevel.DEGRADED;
                    in.add(HealthUpdate.of(s.path("id").asText(), lvl, Instant.parse(s.path("impairedFrom").asText())));
                    if (s.hasNonNull("impairedUntil")) in.add(HealthUpdate.of(s.path("id").asText(), HealthLevel.UP, Instant.parse(s.path("impairedUntil").asText())));
                }
                for (JsonNode c : t.path("confounders")) for (JsonNode s : c.path("servicesAffected")) {
                    String id = s.isTextual()? s.asText() : s.path("id").asText();
                    if (graph.indexOf(id) < 0) continue;
                    String from = s.path("impairedFrom").asText(c.path("start").asText(c.path("window").path("start").asText()));
                    if (from.isEmpty()) continue;
                    in.add(HealthUpdate.of(id, HealthLevel.DOWN, Instant.parse(from)));
                }
                for (JsonNode u : t.path("providerStatusUpdates")) {
                    String comp = u.path("component").asText();
                    if (graph.indexOf(comp) < 0) continue;
                    String st = u.path("status").asText();
                    in.add(new ComponentStatus(comp, !(st.equals("operational") || st.equals("resolved")), Instant.parse(u.path("time").asText())));
                }
                in.sort(Comparator.comparing(CorrelationInput::time));
                var engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
                List<Incident> revs = new ArrayList<>();
                Replay.run(engine, in.iterator(), Instant.parse(t.path("window").path("end").asText()), revs::add);
                ExpectedOutcome e = ExpectedOutcomes.read(d.resolve("expected.json"));
                ReplayScore sc = ReplayScorer.score(e, revs, null);
                System.out.println(d.getFileName() + " -> " + sc);
                revs.stream().filter(r -> r.revision() == 1).forEach(r -> System.out.println("   " + r.id() + " " + r.cause().componentId() + " " + r.eventTime() + " conf " + r.cause().confidence() + " members " + r.members().size()));
            }
        }
    }
}
