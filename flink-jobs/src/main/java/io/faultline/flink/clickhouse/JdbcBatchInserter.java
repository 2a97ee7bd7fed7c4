package io.faultline.flink.clickhouse;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import com.clickhouse.jdbc.ClickHouseDriver;

/**
 * {@link BatchInserter} over the ClickHouse JDBC driver (HTTP). Values are bound to placeholders
 * (the driver renders one multi-row INSERT); the deduplication token travels as the
 * {@code insert_deduplication_token} server setting of a connection opened for the batch (the
 * driver sends it as a URL parameter; opening an HTTP "connection" is cheap). The driver's own
 * retries are off so {@link Batcher}'s backoff is the only retry loop.
 */
public final class JdbcBatchInserter implements BatchInserter {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * The driver itself rather than DriverManager: in Flink's per-job class loader DriverManager may
     * not see a driver that came with the job's jars ("No suitable driver").
     */
    private static final Driver DRIVER = new ClickHouseDriver();

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Duration socketTimeout;

    public JdbcBatchInserter(String jdbcUrl, String user, String password, Duration socketTimeout) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.socketTimeout = socketTimeout;
    }

    /** The INSERT text: table and column names are checked identifiers from the row mapper, never data. */
    static String insertSql(String table, List<String> columns) {
        for (String name : columns) {
            check(name);
        }
        return "INSERT INTO " + check(table) + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    private static String check(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain identifier: '" + identifier + "'");
        }
        return identifier;
    }

    @Override
    public void insert(String table, List<String> columns, List<List<Object>> rows, String dedupToken) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("retry", "0");
        p.setProperty("socket_timeout", Long.toString(socketTimeout.toMillis()));
        p.setProperty("clickhouse_setting_insert_deduplication_token", dedupToken);
        Connection connection = DRIVER.connect(jdbcUrl, p);
        if (connection == null) {
            throw new SQLException("the ClickHouse JDBC driver does not accept the URL " + jdbcUrl);
        }
        try (Connection c = connection;
             PreparedStatement ps = c.prepareStatement(insertSql(table, columns))) {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    ps.setObject(i + 1, row.get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
