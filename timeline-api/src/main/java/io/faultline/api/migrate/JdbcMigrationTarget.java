package io.faultline.api.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** {@link MigrationTarget} over a JDBC connection (the ClickHouse driver); the migrations table is {@value #TABLE}. */
public final class JdbcMigrationTarget implements MigrationTarget {

    public static final String TABLE = "faultline_schema_migrations";

    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC')"
            + ") ENGINE = ReplacingMergeTree ORDER BY version";
    static final String SELECT_APPLIED = "SELECT version, name, checksum, applied_at FROM " + TABLE + " FINAL ORDER BY version";
    static final String INSERT_APPLIED = "INSERT INTO " + TABLE + " (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)";

    private final Connection connection;

    public JdbcMigrationTarget(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void ensureMigrationsTable() throws Exception {
        execute(CREATE_TABLE);
    }

    @Override
    public List<AppliedMigration> applied() throws Exception {
        List<AppliedMigration> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(SELECT_APPLIED)) {
            while (rs.next()) {
                out.add(new AppliedMigration(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
            }
        }
        return out;
    }

    @Override
    public void execute(String statement) throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute(statement);
        }
    }

    @Override
    public void record(AppliedMigration m) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(INSERT_APPLIED)) {
            ps.setInt(1, m.version());
            ps.setString(2, m.name());
            ps.setString(3, m.checksum());
            ps.setTimestamp(4, Timestamp.from(m.appliedAt()));
            ps.executeUpdate();
        }
    }
}
