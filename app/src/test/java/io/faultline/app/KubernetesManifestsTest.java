package io.faultline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.app.KubernetesManifests.Container;
import io.faultline.app.KubernetesManifests.Resource;
import io.faultline.app.metrics.MetricsEndpoint;
import io.faultline.app.metrics.MetricsOptions;
import io.faultline.app.replay.ReplayRetentionCheck;
import io.faultline.app.run.RunNotifyCommand;
import io.faultline.app.catalog.CatalogCommand;
import io.faultline.notify.SubscriptionsFile;
import io.faultline.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * infra/kubernetes/ cannot be deployed here (no Kubernetes on this machine), so it is checked
 * against the code instead: topics against {@link Topics} and {@link ReplayRetentionCheck}, every
 * faultline command line against the picocli model, probes against a real {@link MetricsEndpoint},
 * environment variables against the names the source reads, the image against the compose file and
 * Dockerfile, the Flink settings against Flink's own options.
 */
class KubernetesManifestsTest {

    static final Path HOME = Path.of(System.getProperty("faultline.home", ".."));
    /** Read by the JVM itself (heap sizing from the container's limit), not by faultline's code. */
    static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS");
    static final String ALL_INTERFACES = "0.0.0.0";

    static KubernetesManifests k8s;
    static String faultlineImage;
    /** Every faultline container's command line, parsed by picocli, with the container's environment. */
    static final Map<Container, ParseResult> commands = new LinkedHashMap<>();
    static final Map<Container, Map<String, String>> environments = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        k8s = KubernetesManifests.load(HOME.resolve("infra/kubernetes"));
        JsonNode compose = KubernetesManifests.YAML.readTree(HOME.resolve("infra/docker-compose.yml").toFile());
        faultlineImage = compose.path("x-faultline").path("image").asText();
        assertThat(faultlineImage).as("the compose file names the image it builds").isNotEmpty();
        for (Container c : k8s.containers()) {
            if (c.image().equals(faultlineImage)) {
                Map<String, String> env = k8s.environment(c.spec());
                environments.put(c, env);
                commands.put(c, parse(c, env));
            }
        }
    }

    /** The container's args with $(VAR) expanded from its environment, parsed as the launcher would. */
    static ParseResult parse(Container c, Map<String, String> env) {
        assertThat(c.spec().has("command")).as(c + " keeps the image's entry point (the launcher): args only").isFalse();
        List<String> args = new ArrayList<>();
        for (String arg : c.args()) {
            Matcher m = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)").matcher(arg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                assertThat(env).as(c + ": " + arg + " names a variable the container does not define").containsKey(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            args.add(m.appendTail(out).toString());
        }
        CommandLine cli = new CommandLine(new Faultline())
                .registerConverter(Instant.class, Faultline::instant)
                .registerConverter(Duration.class, new DurationConverter());
        try {
            return leaf(cli.parseArgs(args.toArray(String[]::new)));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(c + ": faultline " + String.join(" ", args) + ": " + e.getMessage(), e);
        }
    }

    static ParseResult leaf(ParseResult r) {
        return r.hasSubcommand() ? leaf(r.subcommand()) : r;
    }

    /** An option's value as the command would see it: given, else its ${env:NAME} default from the container. */
    static String value(Container c, String option) {
        ParseResult r = commands.get(c);
        if (r.hasMatchedOption(option)) {
            return r.matchedOption(option).getValue().toString();
        }
        CommandLine.Model.OptionSpec spec = r.commandSpec().findOption(option);
        if (spec == null || writtenDefault(spec) == null) {
            return null;
        }
        Matcher env = Pattern.compile("\\$\\{env:([A-Z0-9_]+)").matcher(writtenDefault(spec));
        return env.find() ? environments.get(c).get(env.group(1)) : writtenDefault(spec);
    }

    /** The default as written: defaultValue() has ${env:...} already filled in from this JVM's environment. */
    static String writtenDefault(CommandLine.Model.OptionSpec option) {
        return option.defaultValue() == null ? null : option.defaultValueString(false);
    }

    static String path(Container c) {
        return commands.get(c).commandSpec().qualifiedName(" ").replaceFirst("^faultline ", "");
    }

    static Container running(String command) {
        return commands.keySet().stream().filter(c -> path(c).equals(command)).findFirst()
                .orElseThrow(() -> new AssertionError("no container runs faultline " + command));
    }

    @Test
    void every_document_is_a_named_resource_and_none_is_a_secret() {
        assertThat(k8s.resources).hasSizeGreaterThan(20);
        for (Resource r : k8s.resources) {
            assertThat(r.doc().path("apiVersion").asText()).as(r.file() + ": apiVersion").isNotEmpty();
            assertThat(r.kind()).as(r.file() + ": kind").isNotEmpty();
            if (!r.kind().equals("Kustomization")) { // kustomize's own file, not a cluster resource
                assertThat(r.name()).as(r.file() + ": metadata.name").isNotEmpty();
            }
        }
        assertThat(k8s.ofKind("Secret")).as("credentials are created in the cluster, never committed").isEmpty();
    }

    @Test
    void the_kustomization_lists_every_file() {
        Resource kustomization = k8s.one("Kustomization");
        Set<String> listed = new TreeSet<>(KubernetesManifests.strings(kustomization.doc().path("resources")));
        Set<String> files = k8s.files.stream().filter(f -> !f.equals(kustomization.file()))
                .map(f -> k8s.dir.relativize(f).toString()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(files);
    }

    @Test
    void every_topic_the_pipeline_creates_has_a_kafka_topic_compacted_where_topics_says() {
        Topics topics = Topics.withPrefix(topicPrefix());
        Map<String, JsonNode> declared = kafkaTopics();
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(
                topics.all().stream().map(Topics.Topic::name).toList());
        for (Topics.Topic<?> t : topics.all()) {
            // TopicProvisioner, StatusPagePolling and KafkaDeliveryRecords set exactly "compact" on these
            assertThat(declared.get(t.name()).path("config").path("cleanup.policy").asText()).as(t.name())
                    .isEqualTo(t.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void replayed_records_outlive_the_topics_retention() {
        Topics topics = Topics.withPrefix(topicPrefix());
        Map<String, JsonNode> declared = kafkaTopics();
        List<Topics.Topic<?>> eventTimed = new ArrayList<>(topics.raw());
        // the streams app writes signals and health changes with their inputs' (event) timestamps,
        // and `run correlation --batch` selects them by those timestamps
        eventTimed.add(topics.signals);
        eventTimed.add(topics.serviceHealth);
        assertThat(declared).containsKeys(topics.all().stream().map(Topics.Topic::name).toArray(String[]::new));
        for (Topics.Topic<?> t : eventTimed) {
            assertThat(ReplayRetentionCheck.problem(t.name(), config(declared.get(t.name()).path("config")))).as(t.name()).isEmpty();
        }
        for (Topics.Topic<?> t : topics.all()) {
            Map<String, String> config = config(declared.get(t.name()).path("config"));
            if (!t.compacted()) {
                assertThat(config).as(t.name() + ": retention stated, not left to the broker's 7-day default")
                        .containsKey("retention.ms");
            }
        }
    }

    @Test
    void partitions_and_replicas_fit_the_cluster_and_the_scale_out() {
        Topics topics = Topics.withPrefix(topicPrefix());
        Resource kafka = k8s.one("Kafka");
        int brokers = k8s.ofKind("KafkaNodePool").stream()
                .filter(p -> KubernetesManifests.strings(p.doc().path("spec").path("roles")).contains("broker"))
                .mapToInt(p -> p.doc().path("spec").path("replicas").asInt()).sum();
        for (Resource t : k8s.ofKind("KafkaTopic")) {
            JsonNode spec = t.doc().path("spec");
            assertThat(t.doc().path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(t.toString())
                    .isEqualTo(kafka.name());
            assertThat(spec.path("partitions").asInt()).as(t + " partitions").isPositive();
            assertThat(spec.path("replicas").asInt()).as(t + " replicas").isBetween(1, brokers);
            assertThat(spec.path("config").path("min.insync.replicas").asInt(1)).as(t + " min.insync.replicas")
                    .isLessThan(spec.path("replicas").asInt());
        }
        Map<String, JsonNode> declared = kafkaTopics();
        List<Topics.Topic<?>> streamsInputs = new ArrayList<>(topics.raw());
        streamsInputs.add(topics.signals);
        int streamsPartitions = streamsInputs.stream().mapToInt(t -> declared.get(t.name()).path("partitions").asInt()).min().orElseThrow();
        int streamsPods = running("run streams").owner().doc().path("spec").path("replicas").asInt(1);
        assertThat(streamsPartitions).as("the stages before correlation run at parallelism >= 2").isGreaterThanOrEqualTo(2);
        assertThat(streamsPods).as("streams pods beyond the input partitions would idle").isBetween(1, streamsPartitions);

        int correlationInputs = Math.min(declared.get(topics.serviceHealth.name()).path("partitions").asInt(),
                declared.get(topics.signals.name()).path("partitions").asInt());
        assertThat(Integer.parseInt(value(running("run correlation"), "--parallelism")))
                .as("run correlation --parallelism: >= 2, and no more than its input partitions").isBetween(2, correlationInputs);
    }

    @Test
    void the_deployments_run_the_pipelines_commands() {
        Set<String> paths = commands.keySet().stream().map(KubernetesManifestsTest::path).collect(Collectors.toSet());
        assertThat(paths).contains("run streams", "run correlation", "run notify", "api", "ingest statuspages",
                "ingest social", "ingest probes", "migrate", "catalog load");
        for (Container c : commands.keySet()) {
            // an option left to its ${env:NAME} default would otherwise fall back to localhost
            for (CommandLine.Model.OptionSpec o : commands.get(c).commandSpec().options()) {
                Matcher env = Pattern.compile("\\$\\{env:([A-Z0-9_]+)").matcher(String.valueOf(writtenDefault(o)));
                if (!commands.get(c).hasMatchedOption(o.longestName()) && env.find()) {
                    assertThat(environments.get(c)).as(c + ": " + o.longestName() + " comes from $" + env.group(1))
                            .containsKey(env.group(1));
                }
            }
        }
    }

    @Test
    void probes_ask_the_metrics_endpoint_on_the_metrics_port() throws Exception {
        List<Container> deployed = commands.keySet().stream().filter(c -> c.owner().kind().equals("Deployment")).toList();
        assertThat(deployed).hasSizeGreaterThanOrEqualTo(4);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(MetricsOptions.DEFAULT_HOST, 0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), MetricsOptions.PORT_OPTION)) {
            for (Container c : deployed) {
                ParseResult r = commands.get(c);
                assertThat(r.hasMatchedOption("--no-metrics")).as(c + " --no-metrics").isFalse();
                assertThat(value(c, "--metrics-host")).as(c + " --metrics-host: the kubelet probes the pod's address")
                        .isEqualTo(ALL_INTERFACES);
                int metricsPort = Integer.parseInt(value(c, MetricsOptions.PORT_OPTION));
                assertThat(metricsPort).as(c + " " + MetricsOptions.PORT_OPTION + " (0 picks a random port)").isPositive();
                JsonNode liveness = c.spec().path("livenessProbe").path("httpGet");
                JsonNode readiness = c.spec().path("readinessProbe").path("httpGet");
                assertThat(port(c, liveness)).as(c + " liveness probe port").isEqualTo(metricsPort);
                assertThat(port(c, readiness)).as(c + " readiness probe port").isEqualTo(metricsPort);
                // what the real endpoint answers: liveness holds from the start, readiness only once started
                assertThat(status(endpoint, liveness.path("path").asText())).as(c + " liveness path").isEqualTo(200);
                assertThat(status(endpoint, readiness.path("path").asText())).as(c + " readiness path before start")
                        .isEqualTo(503);
                for (String kind : List.of("requests", "limits")) {
                    assertThat(c.spec().path("resources").path(kind).has("cpu")).as(c + " cpu " + kind).isTrue();
                    assertThat(c.spec().path("resources").path(kind).has("memory")).as(c + " memory " + kind).isTrue();
                }
            }
            endpoint.started();
            for (Container c : deployed) {
                assertThat(status(endpoint, c.spec().path("readinessProbe").path("httpGet").path("path").asText()))
                        .as(c + " readiness path once started").isEqualTo(200);
            }
        }
    }

    @Test
    void every_environment_variable_set_is_one_the_code_reads() throws IOException {
        Set<String> read = EnvironmentNames.readBySource(HOME);
        assertThat(read).contains("FAULTLINE_CLICKHOUSE_USER", "FAULTLINE_BOOTSTRAP_SERVERS");
        for (Container c : commands.keySet()) {
            Set<String> allowed = new HashSet<>(read);
            allowed.addAll(JVM_ENV);
            if (path(c).equals("run notify")) {
                allowed.addAll(subscriptionVariables(c));
            }
            assertThat(allowed).as(c + " sets variables nothing reads").containsAll(environments.get(c).keySet());
        }
        // other images (the Flink task managers running the ClickHouse sinks) carry faultline's variables too
        for (JsonNode container : flinkContainers()) {
            for (String name : k8s.environment(container).keySet()) {
                if (name.startsWith("FAULTLINE_")) {
                    assertThat(read).as("Flink pod template sets " + name).contains(name);
                }
            }
        }
    }

    @Test
    void the_notify_subscriptions_load_with_the_containers_environment(@TempDir Path tmp) throws IOException {
        Container notify = running("run notify");
        Path file = tmp.resolve("subscriptions.yaml");
        Files.writeString(file, subscriptionsText(notify));
        Map<String, String> env = new HashMap<>();
        // a valid placeholder for every value (a Slack URL must be a URL, a secret any text)
        environments.get(notify).forEach((k, v) -> env.put(k, v.equals(KubernetesManifests.SECRET_VALUE)
                ? "https://hooks.slack.com/services/T/B/X" : v));
        SubscriptionsFile.Contents contents = SubscriptionsFile.load(file,
                RunNotifyCommand.catalogIndex(CatalogCommand.read(HOME.resolve("catalog")).requireValid()), env);
        assertThat(contents.subscriptions()).isNotEmpty();
    }

    @Test
    void the_image_is_the_one_the_dockerfile_builds_and_holds_the_paths_given() throws IOException {
        JsonNode compose = KubernetesManifests.YAML.readTree(HOME.resolve("infra/docker-compose.yml").toFile());
        Path dockerfile = HOME.resolve("infra").resolve(compose.path("x-faultline").path("build").path("context").asText())
                .resolve(compose.path("x-faultline").path("build").path("dockerfile").asText()).normalize();
        assertThat(dockerfile).isEqualTo(HOME.resolve("infra/docker/Dockerfile").normalize()).exists();
        Dockerfile image = Dockerfile.read(dockerfile);
        assertThat(image.entrypoint()).as("the image's entry point is the launcher, so args are faultline's").contains("faultline.jar");

        String repository = faultlineImage.split(":")[0];
        JsonNode images = k8s.one("Kustomization").doc().path("images");
        assertThat(images.findValuesAsText("name")).as("kustomization images: where the built image is pushed").contains(repository);
        for (Container c : k8s.containers()) {
            if (c.image().split(":")[0].endsWith(repository)) {
                assertThat(c.image()).as(c + ": the faultline image, as the compose file names it").isEqualTo(faultlineImage);
            }
        }
        for (Container c : commands.keySet()) {
            Set<String> mounts = new HashSet<>(c.spec().path("volumeMounts").findValuesAsText("mountPath"));
            for (String arg : c.args()) {
                if (arg.startsWith("/")) {
                    boolean mounted = mounts.stream().anyMatch(m -> arg.startsWith(m + "/") || arg.equals(m));
                    assertThat(mounted || image.holds(arg)).as(c + ": " + arg + " is neither in the image nor mounted").isTrue();
                }
            }
        }
    }

    @Test
    void correlation_submits_to_the_flink_cluster_which_checkpoints_to_an_object_store() throws IOException {
        Resource flink = k8s.one("FlinkDeployment");
        JsonNode spec = flink.doc().path("spec");
        assertThat(value(running("run correlation"), "--flink")).isEqualTo(flink.name() + "-rest:8081");
        assertThat(spec.has("job")).as("a session cluster: the launcher submits the job").isFalse();

        String version = FlinkOptionKeys.flinkVersion();
        String[] parts = version.split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + parts[0] + "_" + parts[1]);
        assertThat(spec.path("image").asText()).startsWith("flink:" + version + "-");

        Set<String> keys = FlinkOptionKeys.all();
        Map<String, String> config = config(spec.path("flinkConfiguration"));
        assertThat(keys).as("flinkConfiguration keys Flink " + version + " knows").containsAll(config.keySet());
        for (String dir : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "high-availability.storageDir")) {
            assertThat(URI.create(config.get(dir)).getScheme()).as(dir + " names a shared store").isNotEmpty().isNotEqualTo("file");
        }
    }

    @Test
    void the_addresses_given_are_services_of_these_manifests() {
        Resource kafka = k8s.one("Kafka");
        int plainPort = -1;
        for (JsonNode listener : kafka.doc().path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean()) {
                plainPort = listener.path("port").asInt();
            }
        }
        String bootstrap = kafka.name() + "-kafka-bootstrap:" + plainPort; // the Service Strimzi creates
        for (Container c : commands.keySet()) {
            for (String option : List.of("--bootstrap-servers", "--registry-url", "--clickhouse-url", "--url")) {
                String v = commands.get(c).commandSpec().findOption(option) == null ? null : value(c, option);
                if (v == null) {
                    continue;
                }
                if (option.equals("--bootstrap-servers")) {
                    assertThat(v).as(c + " " + option).isEqualTo(bootstrap);
                } else {
                    URI uri = URI.create(v);
                    assertThat(servicePorts(uri.getHost())).as(c + " " + option + " " + v).contains(uri.getPort());
                }
            }
        }
    }

    // ---- helpers ----

    static String topicPrefix() {
        Set<String> prefixes = commands.keySet().stream().map(c -> value(c, "--topic-prefix"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        assertThat(prefixes).as("one topic prefix for every command").hasSize(1);
        return prefixes.iterator().next();
    }

    static Map<String, JsonNode> kafkaTopics() {
        Map<String, JsonNode> out = new HashMap<>();
        for (Resource t : k8s.ofKind("KafkaTopic")) {
            JsonNode spec = t.doc().path("spec");
            String name = spec.path("topicName").asText(t.name());
            assertThat(out.put(name, spec)).as("declared twice: " + name).isNull();
        }
        return out;
    }

    static Map<String, String> config(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static int port(Container c, JsonNode httpGet) {
        JsonNode port = httpGet.path("port");
        assertThat(port.isMissingNode()).as(c + ": an httpGet probe").isFalse();
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : c.spec().path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(c + ": no container port named " + port.asText());
    }

    static int status(MetricsEndpoint endpoint, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static Set<Integer> servicePorts(String service) {
        Resource s = k8s.find("Service", service).orElseThrow(() -> new AssertionError("no Service " + service));
        Set<Integer> ports = new HashSet<>();
        s.doc().path("spec").path("ports").forEach(p -> ports.add(p.path("port").asInt()));
        return ports;
    }

    /** The subscriptions file `run notify` is given, from the ConfigMap volume mounted at its directory. */
    static String subscriptionsText(Container notify) {
        Path file = Path.of(value(notify, "--subscriptions"));
        for (JsonNode mount : notify.spec().path("volumeMounts")) {
            if (Path.of(mount.path("mountPath").asText()).equals(file.getParent())) {
                for (JsonNode volume : notify.owner().doc().path("spec").path("template").path("spec").path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        JsonNode text = k8s.configMap(volume.path("configMap").path("name").asText()).path(file.getFileName().toString());
                        assertThat(text.isTextual()).as("the ConfigMap holds " + file.getFileName()).isTrue();
                        return text.asText();
                    }
                }
            }
        }
        throw new AssertionError(notify + ": nothing mounted at " + file.getParent());
    }

    /** The variables the subscriptions file names (secretEnv, urlEnv): run notify reads these by name. */
    static Set<String> subscriptionVariables(Container notify) {
        try {
            JsonNode file = KubernetesManifests.YAML.readTree(subscriptionsText(notify));
            Set<String> names = new HashSet<>(file.findValuesAsText("secretEnv"));
            names.addAll(file.findValuesAsText("urlEnv"));
            return names;
        } catch (IOException e) {
            throw new AssertionError("unreadable subscriptions file", e);
        }
    }

    static List<JsonNode> flinkContainers() {
        List<JsonNode> out = new ArrayList<>();
        for (Resource r : k8s.ofKind("FlinkDeployment")) {
            for (String part : List.of("", "jobManager", "taskManager")) {
                JsonNode spec = part.isEmpty() ? r.doc().path("spec") : r.doc().path("spec").path(part);
                spec.path("podTemplate").path("spec").path("containers").forEach(out::add);
            }
        }
        return out;
    }
}
