package io.faultline.app.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.faultline.api.history.ClickHouseSettings;
import io.faultline.api.migrate.JdbcMigrationTarget;
import io.faultline.api.migrate.Migration;
import io.faultline.api.migrate.MigrationFiles;
import io.faultline.api.migrate.Migrator;
import io.faultline.clickhouse.engine.EmbeddedClickHouse;
import io.faultline.clickhouse.engine.EngineInstaller;

/**
 * History for the embedded stack: the ClickHouse engine (installed on first use into
 * {@code <checkout>/.faultline/clickhouse/}, or {@value #LIB_ENV} when set) as a child process,
 * with database {@value #DATABASE} migrated like a server's ({@code faultline migrate}). It is the
 * engine, not a full server: the {@code default} user only, no replication.
 */
public final class EmbeddedHistory implements AutoCloseable {

    public static final String DATABASE = "faultline";
    public static final String LIB_ENV = "FAULTLINE_CHDB_LIB";

    private final EmbeddedClickHouse engine;
    private final int migrations;

    private EmbeddedHistory(EmbeddedClickHouse engine, int migrations) {
        this.engine = engine;
        this.migrations = migrations;
    }

    /** Installs the engine if needed (one progress line), starts it under {@code workDir}, applies the migrations. */
    static EmbeddedHistory start(Path projectHome, Path workDir, Consumer<String> progress) throws Exception {
        String configured = System.getenv(LIB_ENV);
        Path lib = configured != null && !configured.isBlank() ? Path.of(configured)
                : EngineInstaller.defaults().ensureInstalled(projectHome.resolve(".faultline"), progress);
        EmbeddedClickHouse engine = EmbeddedClickHouse.start(lib, workDir, Duration.ofSeconds(60));
        try {
            engine.createDatabase(DATABASE);
            List<Migration> all = MigrationFiles.load(projectHome.resolve("infra/clickhouse/migrations"));
            EmbeddedHistory history = new EmbeddedHistory(engine, all.size());
            try (Connection c = history.settings().connections().open()) {
                new Migrator(new JdbcMigrationTarget(c), Clock.systemUTC()).migrate(all);
            }
            return history;
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>/faultline}, the form {@code --clickhouse-url} takes. */
    public String url() {
        return engine.url(DATABASE);
    }

    /** The engine knows the {@code default} user only, whatever FAULTLINE_CLICKHOUSE_USER says for a server. */
    public ClickHouseSettings settings() {
        return ClickHouseSettings.of(url(), Map.of());
    }

    public int migrations() {
        return migrations;
    }

    public EmbeddedClickHouse engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
