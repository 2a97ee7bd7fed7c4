package io.faultline.api.infra;

import static io.faultline.api.history.EngineHistory.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.history.EngineHistory;
import io.faultline.clickhouse.engine.ClickHouseEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every panel query and every variable query of the Grafana dashboards in infra/grafana, run on
 * the real ClickHouse engine holding a known outage history ({@link EngineHistory}), after the
 * expansion Grafana and the ClickHouse data source apply ({@link GrafanaMacros}). Each must run,
 * return rows, and return the columns its panel format needs: a time series (format 0) a
 * DateTime column named {@code time} first, ascending (the plugin's long-to-wide conversion
 * requires it), numeric values and string labels only; a table (format 1) no unreadable
 * aggregate states, a bar chart a label and a number, a state timeline a time first. Engine vs
 * server: none of these queries depends on a server-only feature, so the engine answers as a
 * server would; the data source's own connection (native or HTTP, credentials) is not exercised.
 */
class DashboardPanelsIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static final GrafanaMacros GRAFANA = new GrafanaMacros(T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)),
            Duration.ofMinutes(1));
    static String url;

    /** One target of one panel, with the variables of its dashboard. */
    record Panel(String dashboard, String title, String type, int format, String rawSql, Map<String, String> variableQueries) {
        @Override
        public String toString() {
            return dashboard + " / " + title;
        }
    }

    /** What a query returned: column names and ClickHouse types, and the rows as text. */
    record Answer(List<String> names, List<String> types, List<List<String>> rows) {
    }

    @BeforeAll
    static void load() throws Exception {
        url = EngineHistory.migratedDatabase(CLICKHOUSE, "grafana");
        EngineHistory.load(url);
    }

    static List<Panel> panels() throws Exception {
        List<Panel> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(SchemaColumns.home().resolve("infra/grafana/dashboards"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = json.readTree(f.toFile());
                Map<String, String> variables = new LinkedHashMap<>();
                d.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v.path("query").asText()));
                for (JsonNode p : d.path("panels")) {
                    for (JsonNode t : p.path("targets")) {
                        out.add(new Panel(f.getFileName().toString(), p.path("title").asText(), p.path("type").asText(),
                                t.path("format").asInt(-1), t.path("rawSql").asText(), variables));
                    }
                }
            }
        }
        return out;
    }

    static Answer run(String sql) throws SQLException {
        try (Connection c = EngineHistory.connect(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= names.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return new Answer(names, types, rows);
        }
    }

    /** Each variable set to the first value its own query returns, as Grafana selects it on load. */
    static Map<String, String> variableValues(Panel p) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : p.variableQueries().entrySet()) {
            Answer a = run(GRAFANA.expand(v.getValue(), values));
            assertThat(a.names()).as("variable $" + v.getKey() + " of " + p.dashboard() + ": one column").hasSize(1);
            assertThat(a.rows()).as("variable $" + v.getKey() + " of " + p.dashboard() + ": values").isNotEmpty();
            values.put(v.getKey(), a.rows().get(0).get(0));
        }
        return values;
    }

    /** Problems of one panel's answer for its format and type; empty when it is fit to draw. */
    static List<String> problems(Panel p, Answer a) {
        List<String> out = new ArrayList<>();
        if (a.rows().isEmpty()) {
            out.add("no rows for the loaded history");
        }
        for (int i = 0; i < a.types().size(); i++) {
            if (a.types().get(i).startsWith("AggregateFunction")) {
                out.add("column " + a.names().get(i) + " is an aggregate state (" + a.types().get(i) + "): merge it");
            }
        }
        boolean timeFirst = !a.types().isEmpty() && isTime(a.types().get(0));
        if (p.format() == 0) {
            if (!timeFirst || !"time".equals(a.names().get(0))) {
                out.add("a time series needs a DateTime column named time first, got " + a.names() + " " + a.types());
            }
            if (a.types().stream().skip(1).noneMatch(DashboardPanelsIT::isNumber)) {
                out.add("a time series needs a numeric value column, got " + a.types());
            }
            for (int i = 1; i < a.types().size(); i++) {
                if (!isNumber(a.types().get(i)) && !isString(a.types().get(i))) {
                    out.add("time series column " + a.names().get(i) + " is neither a number nor a label: " + a.types().get(i));
                }
            }
            for (int i = 1; timeFirst && i < a.rows().size(); i++) {
                if (Timestamp.valueOf(a.rows().get(i).get(0)).before(Timestamp.valueOf(a.rows().get(i - 1).get(0)))) {
                    out.add("time series rows are not in ascending time order at row " + i);
                    break;
                }
            }
        } else if (p.format() == 1) {
            if (p.type().equals("barchart") && (a.types().stream().noneMatch(DashboardPanelsIT::isString)
                    || a.types().stream().noneMatch(DashboardPanelsIT::isNumber))) {
                out.add("a bar chart needs a label column and a numeric column, got " + a.types());
            }
            if (p.type().equals("state-timeline") && !timeFirst) {
                out.add("a state timeline needs a time column first, got " + a.types());
            }
        } else {
            out.add("format " + p.format() + " is neither time series (0) nor table (1)");
        }
        return out;
    }

    static boolean isTime(String type) {
        String t = unwrap(type);
        return t.startsWith("DateTime") || t.equals("Date") || t.equals("Date32");
    }

    static boolean isNumber(String type) {
        String t = unwrap(type);
        return t.matches("U?Int\\d+|Float\\d+|Decimal.*");
    }

    static boolean isString(String type) {
        String t = unwrap(type);
        return t.equals("String") || t.equals("LowCardinality(String)");
    }

    private static String unwrap(String type) {
        return type.startsWith("Nullable(") ? type.substring("Nullable(".length(), type.length() - 1) : type;
    }

    /** The problems of one panel as run on the engine, or the error ClickHouse gave. */
    static List<String> check(Panel p) throws SQLException {
        String sql = GRAFANA.expand(p.rawSql(), variableValues(p));
        Answer a;
        try {
            a = run(sql);
        } catch (SQLException e) {
            return List.of("ClickHouse refused it: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return problems(p, a);
    }

    @Test
    void everyPanelQueryRunsAndFitsItsPanel() throws Exception {
        List<Panel> panels = panels();
        assertThat(panels).as("panel queries of the five dashboards").hasSizeGreaterThanOrEqualTo(15);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Panel p : panels) {
            List<String> found = check(p);
            if (!found.isEmpty()) {
                problems.put(p.toString(), found);
            }
        }
        assertThat(problems).as("panels that would not draw").isEmpty();
    }

    @Test
    void aPanelWithBrokenSqlIsCaught() throws Exception {
        Panel good = panels().stream().filter(p -> p.rawSql().contains("uniqMerge(services)")).findFirst().orElseThrow();
        assertThat(check(good)).isEmpty();
        Panel misspelt = new Panel(good.dashboard(), good.title(), good.type(), good.format(),
                good.rawSql().replace("uniqMerge(services)", "uniqMerge(service)"), good.variableQueries());
        assertThat(check(misspelt)).singleElement().asString().contains("ClickHouse refused it");
        Panel unmerged = new Panel(good.dashboard(), good.title(), good.type(), good.format(),
                good.rawSql().replace("uniqMerge(services) AS services", "any(services) AS services"), good.variableQueries());
        assertThat(check(unmerged)).as("an unmerged aggregate state cannot be drawn (nor read)").isNotEmpty();
        Panel wrongTime = new Panel(good.dashboard(), good.title(), good.type(), 0,
                "SELECT region, uniqMerge(services) AS services FROM provider_impact_1m WHERE $__timeFilter(minute) GROUP BY region",
                good.variableQueries());
        assertThat(check(wrongTime)).anyMatch(s -> s.contains("DateTime column named time first"));
    }

    @Test
    void theMacrosExpandAsThePluginWritesThem() {
        assertThat(GRAFANA.expand("WHERE $__timeFilter(minute) AND p = '${provider}' AND $__interval_s > 0",
                Map.of("provider", "aws")))
                .isEqualTo("WHERE minute >= toDateTime(" + T0.minus(Duration.ofHours(1)).getEpochSecond() + ") AND minute <= toDateTime("
                        + T0.plus(Duration.ofHours(2)).getEpochSecond() + ") AND p = 'aws' AND 60 > 0");
        assertThat(GRAFANA.expand("$__timeInterval(t)", Map.of())).isEqualTo("toStartOfInterval(toDateTime(t), INTERVAL 60 second)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GRAFANA.expand("$__timeFilterX(t)", Map.of()))
                .hasMessageContaining("not a macro");
    }
}
