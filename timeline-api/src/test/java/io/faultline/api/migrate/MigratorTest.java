package io.faultline.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MigratorTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Records statements and keeps the migrations table in memory; can fail on a chosen statement. */
    static final class FakeTarget implements MigrationTarget {
        final List<String> executed = new ArrayList<>();
        final List<AppliedMigration> table = new ArrayList<>();
        String failOn;

        @Override
        public void ensureMigrationsTable() {
            executed.add("ensure");
        }

        @Override
        public List<AppliedMigration> applied() {
            return List.copyOf(table);
        }

        @Override
        public void execute(String statement) {
            if (failOn != null && statement.contains(failOn)) {
                throw new IllegalStateException("Code: 62. DB::Exception: Syntax error");
            }
            executed.add(statement);
        }

        @Override
        public void record(AppliedMigration m) {
            table.add(m);
        }
    }

    static final List<Migration> THREE = List.of(
            Migration.of(1, "001_a.sql", "CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;"),
            Migration.of(2, "002_b.sql", "-- two statements\nCREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Memory;\n"
                    + "CREATE TABLE IF NOT EXISTS c (x String DEFAULT 'a;b') ENGINE = Memory;"),
            Migration.of(3, "003_d.sql", "CREATE TABLE IF NOT EXISTS d (x UInt8) ENGINE = Memory"));

    final FakeTarget target = new FakeTarget();
    final Migrator migrator = new Migrator(target, Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void appliesInOrderAndRecordsChecksums() throws Exception {
        List<Migration> applied = migrator.migrate(THREE);
        assertThat(applied).extracting(Migration::name).containsExactly("001_a.sql", "002_b.sql", "003_d.sql");
        assertThat(target.executed).hasSize(5);
        assertThat(target.executed.get(3)).isEqualTo("CREATE TABLE IF NOT EXISTS c (x String DEFAULT 'a;b') ENGINE = Memory");
        assertThat(target.table).extracting(AppliedMigration::checksum).containsExactly(THREE.get(0).checksum(),
                THREE.get(1).checksum(), THREE.get(2).checksum());
        assertThat(target.table.get(0).appliedAt()).isEqualTo(T0);
    }

    @Test
    void secondRunDoesNothing() throws Exception {
        migrator.migrate(THREE);
        int before = target.executed.size();
        assertThat(migrator.migrate(THREE)).isEmpty();
        assertThat(target.executed).hasSize(before + 1); // only the ensure-table step
    }

    @Test
    void onlyNewMigrationsRunLater() throws Exception {
        migrator.migrate(THREE.subList(0, 2));
        assertThat(migrator.pending(THREE)).extracting(Migration::version).containsExactly(3);
        assertThat(migrator.migrate(THREE)).extracting(Migration::version).containsExactly(3);
    }

    @Test
    void refusesAnEditedMigration() throws Exception {
        migrator.migrate(THREE);
        List<Migration> edited = List.of(THREE.get(0), Migration.of(2, "002_b.sql", "CREATE TABLE b2 (x UInt8) ENGINE = Memory"),
                THREE.get(2));
        assertThatThrownBy(() -> migrator.migrate(edited)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("002_b.sql was edited after it was applied");
    }

    @Test
    void refusesOutOfOrder() {
        target.table.add(new AppliedMigration(1, "001_a.sql", THREE.get(0).checksum(), T0));
        target.table.add(new AppliedMigration(3, "003_d.sql", THREE.get(2).checksum(), T0));
        assertThatThrownBy(() -> migrator.migrate(THREE)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("out of order: 003_d.sql is applied but 002_b.sql is not");
        assertThat(target.executed).containsExactly("ensure");
    }

    @Test
    void refusesWhenAnAppliedFileIsMissing() {
        target.table.add(new AppliedMigration(4, "004_gone.sql", "abc", T0));
        assertThatThrownBy(() -> migrator.migrate(THREE)).hasMessageContaining("004_gone.sql is recorded as applied but its file is missing");
    }

    @Test
    void aFailedStatementIsNotRecordedAndNamesTheMigration() {
        target.failOn = "TABLE IF NOT EXISTS c";
        assertThatThrownBy(() -> migrator.migrate(THREE)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("migration 002_b.sql failed at statement 2 of 2: Code: 62.");
        assertThat(target.table).extracting(AppliedMigration::version).containsExactly(1);
    }
}
