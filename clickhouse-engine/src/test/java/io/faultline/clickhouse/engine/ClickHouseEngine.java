package io.faultline.clickhouse.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving integration tests the real ClickHouse engine: one engine process per
 * test JVM (started by the first class that asks, stopped when the run ends), one fresh database
 * per {@link #freshDatabase}. The library comes from {@code -Dfaultline.clickhouse.lib}, else
 * {@code FAULTLINE_CHDB_LIB}, else {@code <repo>/.faultline/clickhouse/<version>/}, where it is
 * installed from the npm registry on first use ({@code -Dfaultline.clickhouse.install=false}
 * turns that off). When the engine cannot be had the test class is skipped with the reason printed
 * (or fails, when {@value #REQUIRED_ENV} is set).
 * Use as {@code @RegisterExtension static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();}.
 */
public final class ClickHouseEngine implements BeforeAllCallback {

    public static final String LIB_PROPERTY = "faultline.clickhouse.lib";
    public static final String LIB_ENV = "FAULTLINE_CHDB_LIB";
    /** Set (by .ci/run) where the engine must run: the tests then fail instead of skipping. */
    public static final String REQUIRED_ENV = "FAULTLINE_CLICKHOUSE_REQUIRED";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClickHouseEngine.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedClickHouse engine;

    /** The engine, or the reason there is none; closed by JUnit at the end of the run. */
    private record Started(EmbeddedClickHouse engine, String unavailable) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Started s = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("engine", k -> start(), Started.class);
        if (s.engine() == null) {
            String reason = context.getDisplayName() + " SKIPPED: no ClickHouse engine: " + s.unavailable();
            if (System.getenv(REQUIRED_ENV) != null) { // CI: a skipped ClickHouse test would hide that none ran
                throw new IllegalStateException(reason.replace("SKIPPED", "FAILED (" + REQUIRED_ENV + " is set)"));
            }
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        engine = s.engine();
    }

    private static Started start() {
        try {
            Path lib = library();
            Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "clickhouse-engine-");
            return new Started(EmbeddedClickHouse.start(lib, work, Duration.ofSeconds(60)), null);
        } catch (IOException | RuntimeException e) {
            return new Started(null, e.getMessage() + " (point -D" + LIB_PROPERTY + " or " + LIB_ENV
                    + " at a libchdb.so, or run ./faultline clickhouse install)");
        }
    }

    static Path library() throws IOException {
        String configured = System.getProperty(LIB_PROPERTY, System.getenv(LIB_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path faultlineDir = Path.of(System.getProperty("faultline.home", "..")).resolve(".faultline");
        if (EngineInstaller.installed(faultlineDir).isPresent()
                || !Boolean.parseBoolean(System.getProperty("faultline.clickhouse.install", "true"))) {
            return EngineInstaller.libraryIn(faultlineDir);
        }
        return EngineInstaller.defaults().ensureInstalled(faultlineDir, System.out::println);
    }

    public EmbeddedClickHouse engine() {
        return engine;
    }

    /** A new, empty database named {@code <prefix>_<n>}: tests sharing the engine do not see each other's rows. */
    public String freshDatabase(String prefix) throws IOException {
        String name = prefix + "_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        engine.createDatabase(name);
        return name;
    }

    public String jdbcUrl(String database) {
        return engine.jdbcUrl(database);
    }
}
