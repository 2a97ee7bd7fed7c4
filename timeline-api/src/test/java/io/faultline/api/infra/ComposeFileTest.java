package io.faultline.api.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The compose file is valid YAML, references only files that exist here, and holds no credentials. */
class ComposeFileTest {

    static final Path INFRA = SchemaColumns.home().resolve("infra");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws Exception {
        try (Reader r = Files.newBufferedReader(INFRA.resolve("docker-compose.yml"))) {
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyServiceHasAnImageOrABuildWhoseFilesExist() throws Exception {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        assertThat(services).containsKeys("kafka", "schema-registry", "flink-jobmanager", "flink-taskmanager", "clickhouse",
                "clickhouse-migrate", "grafana", "ingestion", "streams", "api");
        services.forEach((name, s) -> {
            assertThat(s.containsKey("image") || s.containsKey("build")).as(name + " has image or build").isTrue();
            if (s.get("image") instanceof String image && !s.containsKey("build")) {
                assertThat(image).as(name + " image is pinned").matches("[a-z0-9./-]+:[A-Za-z0-9._-]+");
                assertThat(image).doesNotEndWith(":latest");
            }
            if (s.get("build") instanceof Map<?, ?> build) {
                Path context = INFRA.resolve((String) build.get("context")).normalize();
                assertThat(context.resolve("pom.xml")).as(name + " build context is the checkout").exists();
                assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " Dockerfile").exists();
            }
            for (Object v : (List<Object>) s.getOrDefault("volumes", List.of())) {
                String spec = (String) v;
                if (spec.startsWith(".")) {
                    Path local = INFRA.resolve(spec.substring(0, spec.indexOf(':'))).normalize();
                    assertThat(local).as(name + " mounts " + spec).exists();
                }
            }
            Object env = s.get("environment");
            if (env instanceof Map<?, ?> vars) {
                vars.forEach((k, value) -> {
                    if (k.toString().matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                        assertThat(String.valueOf(value)).as(name + " " + k + " comes from .env").startsWith("${");
                    }
                });
            }
        });
    }

    @SuppressWarnings("unchecked")
    @Test
    void theCorrelationJobWritesToTheClickHouseTheApiReadsAndItsTaskManagerHasTheCredentials() throws Exception {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        List<String> correlation = (List<String>) services.get("correlation").get("command");
        List<String> api = (List<String>) services.get("api").get("command");
        String url = api.get(api.indexOf("--clickhouse-url") + 1);
        assertThat(correlation).containsSubsequence("run", "correlation").containsSequence("--clickhouse-url", url);
        // the sinks run on the task manager and read the credentials there
        assertThat((Map<String, Object>) services.get("flink-taskmanager").get("environment"))
                .containsKeys("FAULTLINE_CLICKHOUSE_USER", "FAULTLINE_CLICKHOUSE_PASSWORD");
    }

    @Test
    void theEnvExampleNamesEveryVariableTheComposeFileRequires() throws Exception {
        String composeText = Files.readString(INFRA.resolve("docker-compose.yml"));
        String example = Files.readString(INFRA.resolve(".env.example"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{(\\w+):\\?").matcher(composeText);
        int required = 0;
        while (m.find()) {
            required++;
            assertThat(example).contains(m.group(1) + "=");
        }
        assertThat(required).isPositive();
    }

    @SuppressWarnings("unchecked")
    @Test
    void grafanaProvisioningPointsAtTheMountedDashboardsAndTheClickHousePlugin() throws Exception {
        Map<String, Object> ds;
        try (Reader r = Files.newBufferedReader(INFRA.resolve("grafana/provisioning/datasources/clickhouse.yml"))) {
            ds = new Yaml().load(r);
        }
        Map<String, Object> source = ((List<Map<String, Object>>) ds.get("datasources")).get(0);
        assertThat(source.get("type")).isEqualTo("grafana-clickhouse-datasource");
        Map<String, Object> dashboards;
        try (Reader r = Files.newBufferedReader(INFRA.resolve("grafana/provisioning/dashboards/faultline.yml"))) {
            dashboards = new Yaml().load(r);
        }
        String path = (String) ((Map<String, Object>) ((List<Map<String, Object>>) dashboards.get("providers")).get(0).get("options")).get("path");
        Map<String, Object> grafana = ((Map<String, Map<String, Object>>) compose().get("services")).get("grafana");
        assertThat((List<String>) grafana.get("volumes")).anySatisfy(v -> assertThat(v).endsWith(":" + path + ":ro"));
        assertThat(Files.readString(INFRA.resolve("grafana/dashboards/incidents-overview.json"))).contains("faultline-clickhouse");
    }
}
