package io.faultline.api.migrate;

import java.util.List;

/**
 * The database a {@link Migrator} works on. Small on purpose: the migration rules are tested with
 * an in-memory target, the JDBC one ({@link JdbcMigrationTarget}) runs them against ClickHouse.
 */
public interface MigrationTarget {

    /** Creates the migrations table if it does not exist. */
    void ensureMigrationsTable() throws Exception;

    /** Every recorded migration, in any order. */
    List<AppliedMigration> applied() throws Exception;

    /** Runs one statement of a migration (DDL: no values to bind). */
    void execute(String statement) throws Exception;

    /** Records a migration as applied, after all its statements ran. */
    void record(AppliedMigration migration) throws Exception;
}
