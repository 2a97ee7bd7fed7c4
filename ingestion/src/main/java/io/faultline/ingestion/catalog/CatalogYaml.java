package io.faultline.ingestion.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;

/**
 * Reads {@code catalog/providers.yaml} and {@code catalog/services/*.yaml} (format in
 * catalog/README.md) into CatalogEntry records, validating as it goes: ids well-formed and
 * unique across files, every dependency target known, closed vocabularies respected. All
 * problems are collected so a user fixes them in one pass.
 */
public final class CatalogYaml {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern REGION_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> STATUS_FORMATS = Set.of("statuspage-v2", "rss", "atom", "gcp-incidents-json", "aws-health",
            "instatus", "slack-status", "betterstack", "statusio", "cachet", "incident-io", "html");
    private static final Set<String> EVIDENCE = Set.of("outage-report", "case-study", "engineering-blog", "dns-records",
            "ip-ranges", "co-failure", "postmortem", "docs");
    private static final Set<String> DISCOVERED_EVIDENCE = Set.of("dns-records", "ip-ranges", "co-failure");
    private static final Map<String, EntityKind> PROVIDER_KINDS = Map.of(
            "cloud", EntityKind.PROVIDER, "cdn", EntityKind.CDN, "dns", EntityKind.DNS, "payments", EntityKind.PAYMENTS,
            "saas-platform", EntityKind.PLATFORM, "endpoint-security", EntityKind.PLATFORM, "identity", EntityKind.PLATFORM,
            "network", EntityKind.NETWORK);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final List<String> errors = new ArrayList<>();
    private final Map<String, String> fileOfId = new HashMap<>();
    private final Map<String, CatalogEntry> entries = new LinkedHashMap<>();
    private final Map<String, DnsSuffixes> dnsSuffixes = new LinkedHashMap<>();
    private final Instant loadedAt;

    private CatalogYaml(Instant loadedAt) {
        this.loadedAt = loadedAt;
    }

    /** Loads the catalog under {@code dir}; never throws for content problems, only reports them. */
    public static CatalogLoad load(Path dir, Instant loadedAt) {
        CatalogYaml reader = new CatalogYaml(loadedAt);
        reader.readAll(dir);
        return new CatalogLoad(List.copyOf(reader.entries.values()), reader.errors, reader.dnsSuffixes);
    }

    private void readAll(Path dir) {
        Path providers = dir.resolve("providers.yaml");
        if (!Files.isRegularFile(providers)) {
            errors.add(providers + ": missing (the catalog needs its providers)");
        } else {
            read(providers, "providers");
        }
        Path services = dir.resolve("services");
        if (Files.isDirectory(services)) {
            try (Stream<Path> files = Files.list(services)) {
                files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                        .forEach(f -> read(f, "services"));
            } catch (IOException e) {
                errors.add(services + ": cannot list: " + e.getMessage());
            }
        }
        checkTargets();
    }

    private void read(Path file, String listKey) {
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            errors.add(io.faultline.ingestion.ParseErrors.describe(file.getFileName(), "YAML", e));
            return;
        }
        JsonNode list = root == null ? null : root.get(listKey);
        if (list == null || !list.isArray()) {
            errors.add(file.getFileName() + ": expected a top-level '" + listKey + ":' list");
            return;
        }
        for (JsonNode node : list) {
            if (listKey.equals("providers")) {
                provider(file, node);
            } else {
                service(file, node);
            }
        }
    }

    private void provider(Path file, JsonNode n) {
        String id = id(file, n, ID);
        if (id == null) {
            return;
        }
        String kind = text(n, "kind");
        EntityKind entityKind = kind == null ? null : PROVIDER_KINDS.get(kind);
        if (entityKind == null) {
            errors.add(where(file, id) + "kind '" + kind + "' is not one of " + PROVIDER_KINDS.keySet());
            entityKind = EntityKind.OTHER;
        }
        CatalogEntry.Builder b = common(file, id, n).setKind(entityKind).setCategory(kind);
        add(file, id, b.build());
        dnsSuffixes(file, id, kind, n.path("dnsSuffixes"));
        for (JsonNode r : n.path("regions")) {
            String rid = id(file, r, REGION_ID);
            if (rid == null) {
                continue;
            }
            if (!rid.startsWith(id + "/")) {
                errors.add(where(file, rid) + "region id must start with its provider's id '" + id + "/'");
            }
            add(file, rid, common(file, rid, r).setKind(EntityKind.REGION).setParentId(id)
                    .setRegionCode(text(r, "code")).build());
        }
    }

    /** {@code dnsSuffixes: {cname: [...], ns: [...], source: "https://..."}}: suffixes need their documentation. */
    private void dnsSuffixes(Path file, String id, String kind, JsonNode d) {
        if (d.isMissingNode() || d.isNull()) {
            return;
        }
        String source = text(d, "source");
        if (source == null || !source.startsWith("https://")) {
            errors.add(where(file, id) + "dnsSuffixes.source must be the https URL of the provider's documentation "
                    + "listing the suffixes, got '" + source + "'");
        }
        List<String> cname = strings(d.path("cname"));
        List<String> ns = strings(d.path("ns"));
        if (cname.isEmpty() && ns.isEmpty()) {
            errors.add(where(file, id) + "dnsSuffixes needs a 'cname' or an 'ns' list");
        }
        for (String suffix : concat(cname, ns)) {
            String problem = DnsSuffixes.problem(suffix);
            if (problem != null) {
                errors.add(where(file, id) + "dnsSuffixes: " + problem);
            }
        }
        dnsSuffixes.put(id, new DnsSuffixes(id, kind, cname, ns, source));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void service(Path file, JsonNode n) {
        String id = id(file, n, ID);
        if (id == null) {
            return;
        }
        if (text(n, "category") == null) {
            errors.add(where(file, id) + "'category' is required");
        }
        add(file, id, common(file, id, n).setKind(EntityKind.SERVICE).setCategory(text(n, "category")).build());
    }

    private CatalogEntry.Builder common(Path file, String id, JsonNode n) {
        String name = text(n, "name");
        if (name == null) {
            errors.add(where(file, id) + "'name' is required");
        }
        JsonNode sp = n.path("statusPage");
        String spUrl = text(sp, "url");
        String spFormat = text(sp, "format");
        if (!sp.isMissingNode()) {
            if (spUrl == null || !(spUrl.startsWith("https://") || spUrl.startsWith("http://"))) {
                errors.add(where(file, id) + "statusPage.url must be an http(s) URL, got '" + spUrl + "'");
            }
            if (!STATUS_FORMATS.contains(String.valueOf(spFormat))) {
                errors.add(where(file, id) + "statusPage.format '" + spFormat + "' is not one of " + STATUS_FORMATS);
            }
        }
        List<Dependency> deps = new ArrayList<>();
        for (JsonNode d : n.path("dependsOn")) {
            String target = text(d, "target");
            String evidence = text(d, "evidence");
            if (target == null) {
                errors.add(where(file, id) + "a dependsOn edge has no 'target'");
                continue;
            }
            if (!EVIDENCE.contains(String.valueOf(evidence))) {
                errors.add(where(file, id) + "edge to '" + target + "': evidence '" + evidence + "' is not one of " + EVIDENCE);
            }
            // 'confirmed: false' marks a discovered edge a human has not confirmed yet (faultline catalog add);
            // only machine evidence may be unconfirmed, a hand-written edge always rests on its source.
            JsonNode confirmedNode = d.get("confirmed");
            boolean confirmed = confirmedNode == null || confirmedNode.isNull() || confirmedNode.asBoolean(true);
            if (confirmedNode != null && !confirmedNode.isBoolean()) {
                errors.add(where(file, id) + "edge to '" + target + "': confirmed must be true or false");
            }
            if (!confirmed && !DISCOVERED_EVIDENCE.contains(String.valueOf(evidence))) {
                errors.add(where(file, id) + "edge to '" + target + "': only discovered evidence " + DISCOVERED_EVIDENCE
                        + " may be 'confirmed: false'");
            }
            deps.add(Dependency.newBuilder().setTarget(target).setKind(String.valueOf(text(d, "kind")))
                    .setEvidence(String.valueOf(evidence)).setSource(text(d, "source")).setConfirmed(confirmed).build());
        }
        JsonNode social = n.path("social");
        Map<String, String> handles = new LinkedHashMap<>();
        social.path("handles").fields().forEachRemaining(e -> handles.put(e.getKey(), e.getValue().asText()));
        return CatalogEntry.newBuilder()
                .setEntityId(id)
                .setName(name == null ? id : name)
                .setCountry(text(n, "country"))
                .setStatusPageUrl(spUrl)
                .setStatusPageFormat(spFormat)
                .setDomains(strings(n.path("domains")))
                .setAliases(strings(n.path("aliases")))
                .setKeywords(strings(social.path("keywords")))
                .setHandles(handles)
                .setCashtags(strings(social.path("cashtags")))
                .setDependsOn(deps)
                .setSources(strings(n.path("sources")))
                .setDeleted(false)
                .setEventTime(loadedAt);
    }

    private String id(Path file, JsonNode n, Pattern shape) {
        String id = text(n, "id");
        if (id == null) {
            errors.add(file.getFileName() + ": an entry has no 'id' (name: " + text(n, "name") + ")");
            return null;
        }
        if (!shape.matcher(id).matches()) {
            errors.add(where(file, id) + "id must match " + shape.pattern());
        }
        return id;
    }

    private void add(Path file, String id, CatalogEntry entry) {
        String previous = fileOfId.putIfAbsent(id, file.getFileName().toString());
        if (previous != null) {
            errors.add(where(file, id) + "duplicate id, already defined in " + previous);
            return;
        }
        entries.put(id, entry);
    }

    private void checkTargets() {
        for (CatalogEntry e : entries.values()) {
            for (Dependency d : e.getDependsOn()) {
                if (!entries.containsKey(d.getTarget())) {
                    errors.add(fileOfId.get(e.getEntityId()) + ": " + e.getEntityId() + ": unknown dependency '"
                            + d.getTarget() + "' (not a provider or region id)");
                } else if (d.getTarget().equals(e.getEntityId())) {
                    errors.add(fileOfId.get(e.getEntityId()) + ": " + e.getEntityId() + ": depends on itself");
                }
            }
        }
    }

    private static String where(Path file, String id) {
        return file.getFileName() + ": " + id + ": ";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
