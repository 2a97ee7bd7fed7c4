package io.faultline.flink.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC access for the sink's integration tests (Testcontainers server or the embedded engine) and the
 * sink benchmark (benchmarks/, through this module's test-jar).
 */
public record ClickHouseSql(String jdbcUrl, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Applies the migrations the sinks write to (files holding one statement each). */
    public void migrate(String... files) throws Exception {
        Path migrations = Path.of(System.getProperty("faultline.home", "..")).resolve("infra/clickhouse/migrations");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String file : files) {
                st.execute(Files.readString(migrations.resolve(file)).strip().replaceAll(";$", ""));
            }
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each row of the answer as its columns' text joined by single spaces. */
    public List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
