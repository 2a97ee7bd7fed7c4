package io.faultline.api.history;

import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;

/**
 * Where ClickHouse is and who to be. The URL may be a JDBC URL ({@code jdbc:clickhouse://host:8123/faultline},
 * {@code jdbc:ch://...}) or the plain HTTP address ({@code http://host:8123/faultline}); the
 * database in its path holds the tables. Credentials only from the environment.
 */
public record ClickHouseSettings(String jdbcUrl, String user, String password) {

    public static final String ENV_USER = "FAULTLINE_CLICKHOUSE_USER";
    public static final String ENV_PASSWORD = "FAULTLINE_CLICKHOUSE_PASSWORD";

    public static ClickHouseSettings of(String url, Map<String, String> env) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("ClickHouse URL: must not be empty (e.g. http://localhost:8123/faultline)");
        }
        String jdbc;
        if (url.startsWith("jdbc:clickhouse:") || url.startsWith("jdbc:ch:")) {
            jdbc = url;
        } else if (url.startsWith("http://") || url.startsWith("https://")) {
            jdbc = "jdbc:clickhouse:" + url;
        } else {
            throw new IllegalArgumentException("ClickHouse URL '" + url
                    + "': expected http(s)://host:port/database or jdbc:clickhouse://host:port/database");
        }
        return new ClickHouseSettings(jdbc, env.getOrDefault(ENV_USER, "default"), env.getOrDefault(ENV_PASSWORD, ""));
    }

    public ConnectionSource connections() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return () -> DriverManager.getConnection(jdbcUrl, p);
    }

    @Override
    public String toString() {
        return "ClickHouseSettings[" + jdbcUrl + ", user=" + user + "]";
    }
}
