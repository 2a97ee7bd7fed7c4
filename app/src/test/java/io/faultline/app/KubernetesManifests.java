package io.faultline.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every YAML document under infra/kubernetes/, parsed (multi-document files included), with the
 * look-ups KubernetesManifestsTest needs: resources by kind, the containers of every workload,
 * and a container's environment as Kubernetes would assemble it from env and envFrom.
 */
final class KubernetesManifests {

    static final YAMLMapper YAML = new YAMLMapper();
    /** Kinds whose pod template holds containers. */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
    /** What a Secret's value stands for: the test never sees one, and none is in the repository. */
    static final String SECRET_VALUE = "<from-secret>";

    record Resource(Path file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    /** One container of a workload's pod template. */
    record Container(Resource owner, JsonNode spec) {
        String name() {
            return spec.path("name").asText();
        }

        String image() {
            return spec.path("image").asText();
        }

        List<String> args() {
            return strings(spec.path("args"));
        }

        @Override
        public String toString() {
            return owner + " container " + name();
        }
    }

    final Path dir;
    final List<Path> files;
    final List<Resource> resources;

    private KubernetesManifests(Path dir, List<Path> files, List<Resource> resources) {
        this.dir = dir;
        this.files = files;
        this.resources = resources;
    }

    static KubernetesManifests load(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Resource> resources = new ArrayList<>();
        for (Path file : files) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                        resources.add(new Resource(file, doc));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot parse " + file, e);
            }
        }
        return new KubernetesManifests(dir, files, resources);
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Resource one(String kind) {
        List<Resource> all = ofKind(kind);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + all);
        }
        return all.get(0);
    }

    Optional<Resource> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The containers (init containers included) of every workload's pod template. */
    List<Container> containers() {
        List<Container> out = new ArrayList<>();
        for (Resource r : resources) {
            if (!WORKLOADS.contains(r.kind())) {
                continue;
            }
            JsonNode pod = r.doc().path("spec").path("template").path("spec");
            for (String field : List.of("initContainers", "containers")) {
                pod.path(field).forEach(c -> out.add(new Container(r, c)));
            }
        }
        return out;
    }

    /**
     * The container's environment by name, as Kubernetes assembles it: envFrom ConfigMaps (every
     * key), then env (literal values, ConfigMap keys, Secret keys as {@link #SECRET_VALUE}). A
     * ConfigMap or key that no manifest defines fails here.
     */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                configMap(from.path("configMapRef").path("name").asText()).fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            } else {
                throw new AssertionError("envFrom other than a ConfigMap (its names cannot be checked): " + from);
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            JsonNode from = e.path("valueFrom");
            if (e.has("value")) {
                env.put(name, e.path("value").asText());
            } else if (from.has("configMapKeyRef")) {
                JsonNode ref = from.path("configMapKeyRef");
                JsonNode value = configMap(ref.path("name").asText()).path(ref.path("key").asText());
                if (value.isMissingNode()) {
                    throw new AssertionError(name + ": ConfigMap " + ref.path("name").asText() + " has no key " + ref.path("key"));
                }
                env.put(name, value.asText());
            } else if (from.has("secretKeyRef")) {
                JsonNode ref = from.path("secretKeyRef");
                if (ref.path("name").asText().isEmpty() || ref.path("key").asText().isEmpty()) {
                    throw new AssertionError(name + ": a secretKeyRef needs a name and a key");
                }
                env.put(name, SECRET_VALUE);
            } else {
                throw new AssertionError(name + ": neither a value, a ConfigMap key nor a Secret key");
            }
        }
        return env;
    }

    JsonNode configMap(String name) {
        return find("ConfigMap", name).orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in " + dir))
                .doc().path("data");
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
