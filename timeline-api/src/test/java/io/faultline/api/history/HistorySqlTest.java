package io.faultline.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HistorySqlTest {

    static final Instant FROM = Instant.parse("2021-12-07T00:00:00Z");
    static final Instant TO = Instant.parse("2021-12-08T00:00:00Z");
    static final String HOSTILE = "aws' OR 1=1 --";

    @Test
    void listWithoutFiltersBindsRangeAndLimitPlusOne() {
        BoundQuery q = HistorySql.listIncidents(new IncidentQuery(FROM, TO, "", "", "", "", 50, null));
        assertThat(q.sql()).startsWith("SELECT incident_id, revision").contains("FROM incidents FINAL")
                .endsWith("ORDER BY opened_at DESC, incident_id DESC LIMIT ?")
                .doesNotContain("provider =", "region =", "has(service_ids", "state =", "state !=");
        assertThat(q.params()).containsExactly(FROM.toEpochMilli(), TO.toEpochMilli(), 51);
    }

    @Test
    void everyFilterIsAPlaceholderInOrder() {
        Cursor after = new Cursor(Instant.parse("2021-12-07T15:35:00Z"), "inc-9");
        BoundQuery q = HistorySql.listIncidents(new IncidentQuery(FROM, TO, HOSTILE, "us-east-1", "slack", "CONFIRMED", 10, after));
        assertThat(q.sql()).contains(" AND provider = ?", " AND region = ?", " AND has(service_ids, ?)", " AND state = ?",
                " AND (opened_at, incident_id) < (fromUnixTimestamp64Milli(toInt64(?), 'UTC'), ?)");
        assertThat(q.sql()).doesNotContain("aws'", "us-east-1", "slack", "CONFIRMED", "inc-9");
        assertThat(q.params()).containsExactly(FROM.toEpochMilli(), TO.toEpochMilli(), HOSTILE, "us-east-1", "slack",
                "CONFIRMED", after.openedAt().toEpochMilli(), "inc-9", 11);
    }

    @Test
    void openStateIsAFixedClause() {
        BoundQuery q = HistorySql.listIncidents(new IncidentQuery(FROM, TO, "", "", "", "OPEN", 10, null));
        assertThat(q.sql()).contains("state != 'RESOLVED'");
        assertThat(q.params()).hasSize(3);
    }

    @Test
    void incidentQueriesBindTheId() {
        for (BoundQuery q : List.of(HistorySql.incident(HOSTILE), HistorySql.members(HOSTILE), HistorySql.timeline(HOSTILE))) {
            assertThat(q.sql()).contains("WHERE incident_id = ?").doesNotContain(HOSTILE);
            assertThat(q.params()).containsExactly(HOSTILE);
        }
        assertThat(HistorySql.members("x").sql()).contains("FROM incident_members FINAL");
        assertThat(HistorySql.timeline("x").sql()).contains("FROM incident_events FINAL").contains("ORDER BY time");
    }

    @Test
    void serviceHealthAndBlastRadius() {
        BoundQuery h = HistorySql.serviceHealth(HOSTILE, FROM, TO, 100);
        assertThat(h.sql()).contains("FROM service_health FINAL WHERE service_id = ?").doesNotContain(HOSTILE);
        assertThat(h.params()).containsExactly(HOSTILE, FROM.toEpochMilli(), TO.toEpochMilli(), 100);

        BoundQuery all = HistorySql.blastRadius("aws", "", FROM, TO, Duration.ofMinutes(5));
        assertThat(all.sql()).contains("FROM incident_members FINAL", "WHERE provider = ?").doesNotContain("region = ?");
        assertThat(all.params()).containsExactly(FROM.toEpochMilli(), TO.toEpochMilli(), 300_000L, "aws");
        BoundQuery one = HistorySql.blastRadius("aws", "us-east-1", FROM, TO, Duration.ofMinutes(5));
        assertThat(one.sql()).contains("AND region = ?");
        assertThat(one.params()).endsWith("aws", "us-east-1");
    }

    @Test
    void boundQueryRefusesAMismatch() {
        assertThatThrownBy(() -> new BoundQuery("SELECT ?", List.of())).hasMessageContaining("1 placeholders but 0");
    }

    @Test
    void parametersAreBoundWithTheirTypes() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + args[0] + ", " + args[1] + ")");
                    return null;
                });
        BoundQuery q = HistorySql.listIncidents(new IncidentQuery(FROM, TO, HOSTILE, "", "", "", 5, null));
        ClickHouseHistoryRepository.bind(ps, q.params());
        assertThat(calls).containsExactly("setLong(1, " + FROM.toEpochMilli() + ")", "setLong(2, " + TO.toEpochMilli() + ")",
                "setString(3, " + HOSTILE + ")", "setInt(4, 6)");
    }

    @Test
    void pageKeepsLimitRowsAndPointsTheCursorAtTheLast() {
        var a = io.faultline.api.Fixtures.awsIncident(1, "SUSPECTED").incident();
        var page = ClickHouseHistoryRepository.page(List.of(a, a, a), 2);
        assertThat(page.items()).hasSize(2);
        assertThat(Cursor.decode(page.nextCursor())).isEqualTo(new Cursor(a.openedAt(), a.id()));
        assertThat(ClickHouseHistoryRepository.page(List.of(a, a), 2).nextCursor()).isNull();
    }

    @Test
    void cursorRoundTripsAndRejectsGarbage() {
        Cursor c = new Cursor(Instant.parse("2021-12-07T15:35:00.123Z"), "inc:with:colons");
        assertThat(Cursor.decode(c.encode())).isEqualTo(c);
        assertThatThrownBy(() -> Cursor.decode("!!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decode("bm9jb2xvbg")).isInstanceOf(IllegalArgumentException.class);
    }
}
