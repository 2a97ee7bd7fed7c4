package io.faultline.api.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.history.HistorySql;
import io.faultline.api.history.IncidentQuery;
import org.junit.jupiter.api.Test;

/**
 * Every Grafana dashboard query, and every API query, names only tables and columns the
 * migrations create. Identifiers are what remains of the SQL after removing strings, Grafana
 * macros and variables, keywords, function names and aliases.
 */
class DashboardSqlTest {

    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "not", "group", "by", "order",
            "limit", "as", "final", "desc", "asc", "in", "is", "null", "on", "join", "left", "distinct", "having", "case", "when",
            "then", "else", "end", "with", "array", "utc", "interval", "minute", "hour", "day", "second", "e", "s", "t", "w", "n");
    private static final Pattern FROM = Pattern.compile("(?i)\\b(?:FROM|(?<!ARRAY )JOIN)\\s+(\\w+)");
    private static final Pattern IDENT = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\b(\\s*\\()?");
    private static final Pattern ALIAS = Pattern.compile("(?i)\\bAS\\s+(\\w+)");

    static List<String> dashboardQueries() throws Exception {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(SchemaColumns.home().resolve("infra/grafana/dashboards"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode d = json.readTree(f.toFile());
                d.path("panels").forEach(p -> p.path("targets").forEach(t -> out.add(t.path("rawSql").asText())));
                d.path("templating").path("list").forEach(v -> out.add(v.path("query").asText()));
            }
        }
        return out;
    }

    static void assertKnown(String sql, Map<String, Set<String>> schema) {
        String cleaned = sql.replaceAll("'[^']*'", "''").replaceAll("\\$__\\w+", " ").replaceAll("\\$\\{\\w+}", " ");
        Set<String> tables = new HashSet<>();
        Matcher from = FROM.matcher(cleaned);
        while (from.find()) {
            assertThat(schema).as("table in: " + sql).containsKey(from.group(1));
            tables.add(from.group(1));
        }
        assertThat(tables).as("a FROM in: " + sql).isNotEmpty();
        Set<String> aliases = new HashSet<>();
        Matcher a = ALIAS.matcher(cleaned);
        while (a.find()) {
            aliases.add(a.group(1));
        }
        Set<String> columns = new HashSet<>();
        tables.forEach(t -> columns.addAll(schema.get(t)));
        Matcher id = IDENT.matcher(cleaned);
        while (id.find()) {
            String word = id.group(1);
            boolean function = id.group(2) != null;
            if (function || KEYWORDS.contains(word) || aliases.contains(word) || tables.contains(word)) {
                continue;
            }
            assertThat(columns).as("column '" + word + "' of " + tables + " in: " + sql).contains(word);
        }
    }

    @Test
    void everyDashboardQueryUsesExistingTablesAndColumns() throws Exception {
        Map<String, Set<String>> schema = SchemaColumns.load();
        assertThat(schema).containsKeys("incidents", "incident_members", "incident_events", "service_health", "signals",
                "provider_impact_1m", "dead_letters_1m");
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
        queries.forEach(q -> assertKnown(q, schema));
    }

    @Test
    void theApiQueriesUseExistingTablesAndColumnsToo() throws Exception {
        Map<String, Set<String>> schema = SchemaColumns.load();
        java.time.Instant t = java.time.Instant.parse("2021-12-07T00:00:00Z");
        for (String sql : List.of(
                HistorySql.listIncidents(new IncidentQuery(t, t.plusSeconds(60), "aws", "r", "s", "OPEN", 5, null)).sql(),
                HistorySql.incident("x").sql(), HistorySql.members("x").sql(), HistorySql.timeline("x").sql(),
                HistorySql.serviceHealth("x", t, t.plusSeconds(1), 1).sql(),
                HistorySql.blastRadius("aws", "r", t, t.plusSeconds(600), java.time.Duration.ofMinutes(5)).sql())) {
            assertKnown(sql.replaceAll("\\b(from_ms|to_ms|step_ms|bucket_ms)\\b", "1"), schema);
        }
    }

    @Test
    void aMisspelledColumnIsCaught() throws Exception {
        Map<String, Set<String>> schema = SchemaColumns.load();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertKnown("SELECT incident_idd FROM incidents", schema))
                .hasMessageContaining("incident_idd");
    }
}
