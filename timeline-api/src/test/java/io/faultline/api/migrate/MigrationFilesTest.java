package io.faultline.api.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTest {

    static Path repoMigrations() {
        return Path.of(System.getProperty("faultline.home", "..")).resolve("infra/clickhouse/migrations");
    }

    @Test
    void theRepositoryMigrationsLoadInOrderAndSplitIntoCreateStatements() throws Exception {
        List<Migration> all = MigrationFiles.load(repoMigrations());
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).version()).isEqualTo(i + 1);
            assertThat(all.get(i).statements()).as(all.get(i).name()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s).matches("(?s)(--[^\\n]*\\n\\s*)*CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS .*"));
        }
        assertThat(all).extracting(Migration::name).contains("004_incidents.sql");
        assertThat(all.get(3).sql()).contains("ReplacingMergeTree(revision)");
    }

    @Test
    void refusesGapsAndBadNames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_a.sql"), "SELECT 1");
        Files.writeString(dir.resolve("003_c.sql"), "SELECT 1");
        assertThatThrownBy(() -> MigrationFiles.load(dir)).hasMessageContaining("without gaps").hasMessageContaining("003_c.sql");
        Files.delete(dir.resolve("003_c.sql"));
        Files.writeString(dir.resolve("2_b.sql"), "SELECT 1");
        assertThatThrownBy(() -> MigrationFiles.load(dir)).hasMessageContaining("2_b.sql is not named NNN_lower_case_name.sql");
    }

    @Test
    void refusesAMigrationWithoutAStatement(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_a.sql"), "SELECT 1");
        Files.writeString(dir.resolve("002_empty.sql"), "-- to be written\n");
        assertThatThrownBy(() -> MigrationFiles.load(dir)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("002_empty.sql has no SQL statement");
    }

    @Test
    void splitterRespectsQuotesAndComments() {
        assertThat(SqlStatements.split("SELECT 'a;b'; -- c;d\nSELECT \"x;\" /* ; */ ;;\n-- only a comment\n"))
                .containsExactly("SELECT 'a;b'", "-- c;d\nSELECT \"x;\" /* ; */");
        assertThat(SqlStatements.split("SELECT 'it''s; fine'")).containsExactly("SELECT 'it''s; fine'");
        assertThatThrownBy(() -> SqlStatements.split("SELECT 'open")).isInstanceOf(MigrationException.class);
    }
}
