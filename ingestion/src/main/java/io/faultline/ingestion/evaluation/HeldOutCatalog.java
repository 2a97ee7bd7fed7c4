package io.faultline.ingestion.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog as it would have been without a replay's own reports. Most catalog edges were
 * learnt from outage reports, often the very reports a replay is built from; scoring a replay with
 * those edges partly grades the catalog against itself. This view drops every edge whose source
 * URL is one of the replay's sources, so the evaluation can be reported both ways.
 */
public final class HeldOutCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HeldOutCatalog() {
    }

    /** The {@code sources[].url} of a replay's {@code timeline.yaml}. */
    public static Set<String> sourceUrls(Path timelineYaml) {
        try {
            JsonNode root = YAML.readTree(timelineYaml.toFile());
            Set<String> urls = new HashSet<>();
            for (JsonNode source : root.path("sources")) {
                if (source.hasNonNull("url")) {
                    urls.add(source.get("url").asText());
                }
            }
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + timelineYaml + ": " + e.getMessage(), e);
        }
    }

    /** Copies of {@code entries} without the edges whose source is in {@code heldOutSources}. */
    public static HeldOut without(List<CatalogEntry> entries, Set<String> heldOutSources) {
        List<CatalogEntry> kept = new ArrayList<>(entries.size());
        int dropped = 0;
        for (CatalogEntry entry : entries) {
            List<Dependency> edges = new ArrayList<>(entry.getDependsOn().size());
            for (Dependency edge : entry.getDependsOn()) {
                if (edge.getSource() != null && heldOutSources.contains(edge.getSource())) {
                    dropped++;
                } else {
                    edges.add(edge);
                }
            }
            kept.add(edges.size() == entry.getDependsOn().size() ? entry
                    : CatalogEntry.newBuilder(entry).setDependsOn(edges).build());
        }
        return new HeldOut(kept, dropped);
    }

    /** The reduced catalog and how many edges were dropped from it. */
    public record HeldOut(List<CatalogEntry> entries, int droppedEdges) {
    }
}
