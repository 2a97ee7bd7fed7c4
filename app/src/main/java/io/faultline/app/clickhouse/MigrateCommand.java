package io.faultline.app.clickhouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.faultline.api.history.ClickHouseSettings;
import io.faultline.api.migrate.JdbcMigrationTarget;
import io.faultline.api.migrate.Migration;
import io.faultline.api.migrate.MigrationFiles;
import io.faultline.api.migrate.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline migrate}: apply the ClickHouse migrations in order, once each. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the ClickHouse migrations (infra/clickhouse/migrations) in order, once each; refuses edited "
                + "or out-of-order migrations. User and password come from FAULTLINE_CLICKHOUSE_USER / FAULTLINE_CLICKHOUSE_PASSWORD.")
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--url", description = "ClickHouse HTTP or JDBC URL with the database, e.g. http://localhost:8123/faultline. "
            + "Required unless --dry-run.")
    String url;

    @Option(names = "--migrations-dir", description = "Migrations directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "infra/clickhouse/migrations")
    Path dir;

    @Option(names = "--dry-run", description = "Print the migrations that would run, in order, and change nothing. "
            + "Without --url, prints all of them.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Path migrations = resolve(dir);
        List<Migration> all;
        try {
            all = MigrationFiles.load(migrations);
        } catch (io.faultline.api.migrate.MigrationException e) {
            // a file that is not a migration (empty, misnamed, out of sequence) is bad input: nothing was applied
            throw new io.faultline.app.ErrorReport.ExitCodeException(io.faultline.app.ErrorReport.BAD_INPUT, e.getMessage(), e);
        }
        if (dryRun && url == null) {
            print(all);
            return 0;
        }
        if (url == null) {
            throw new IllegalArgumentException("--url: required (or use --dry-run to print the migrations)");
        }
        ClickHouseSettings settings = ClickHouseSettings.of(url, System.getenv());
        try (Connection c = settings.connections().open()) {
            Migrator migrator = new Migrator(new JdbcMigrationTarget(c), Clock.systemUTC());
            if (dryRun) {
                print(migrator.pending(all));
                return 0;
            }
            List<Migration> applied = migrator.migrate(all);
            if (applied.isEmpty()) {
                System.out.println("ClickHouse schema is up to date (" + all.size() + " migrations applied)");
            } else {
                applied.forEach(m -> System.out.println("applied " + m.name() + " (" + m.statements().size() + " statements)"));
            }
            return 0;
        } catch (java.sql.SQLException | RuntimeException e) {
            throw unreachable(e).orElseThrow(() -> e);
        }
    }

    /**
     * A failure to reach the server, said as such with the option to check (the driver's own text names its retry
     * attempts and a duration in nanoseconds), keeping only the network cause; empty for any other failure.
     */
    private java.util.Optional<io.faultline.app.ErrorReport.ExitCodeException> unreachable(Exception e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException) {
                return java.util.Optional.of(new io.faultline.app.ErrorReport.ExitCodeException(
                        io.faultline.app.ErrorReport.UNREACHABLE, "no ClickHouse server answered at " + url
                        + " (check --url; 'faultline clickhouse start' runs the engine here)", t));
            }
        }
        return java.util.Optional.empty();
    }

    /** A relative path that does not exist here is looked up under the checkout (faultline.home), like the launcher does. */
    static Path resolve(Path p) {
        if (p.isAbsolute() || java.nio.file.Files.exists(p)) {
            return p;
        }
        return Path.of(System.getProperty("faultline.home", ".")).resolve(p);
    }

    private static void print(List<Migration> migrations) {
        if (migrations.isEmpty()) {
            System.out.println("-- nothing to apply");
        }
        for (Migration m : migrations) {
            System.out.println("-- " + m.name() + "  sha256 " + m.checksum());
            m.statements().forEach(s -> System.out.println(s + ";\n"));
        }
    }
}
