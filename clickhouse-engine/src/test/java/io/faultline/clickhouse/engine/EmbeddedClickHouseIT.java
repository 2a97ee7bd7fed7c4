package io.faultline.clickhouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine as a child process: it answers as ClickHouse, keeps its data across restarts and stops with its owner. */
class EmbeddedClickHouseIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    @Test
    void answersOverHttpAsClickHouse() throws IOException {
        assertThat(CLICKHOUSE.engine().execute("SELECT version()").strip()).startsWith("26.7.");
        assertThat(CLICKHOUSE.engine().residentBytes()).as("resident memory of the engine process").isPositive();
        assertThatThrownBy(() -> CLICKHOUSE.engine().execute("SELECT no_such_column"))
                .hasMessageContaining("UNKNOWN_IDENTIFIER");
    }

    @Test
    void keepsItsDataAcrossARestartAndStopsWhenClosed(@TempDir Path work) throws IOException {
        Path lib = ClickHouseEngine.library();
        long pid;
        try (EmbeddedClickHouse ch = EmbeddedClickHouse.start(lib, work, Duration.ofSeconds(60))) {
            pid = ch.pid();
            ch.createDatabase("kept");
            ch.execute("CREATE TABLE kept.t (x UInt32) ENGINE = MergeTree ORDER BY x");
            ch.execute("INSERT INTO kept.t VALUES (1), (2), (3)");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("engine process after close").isNotEqualTo(java.util.Optional.of(true));
        try (EmbeddedClickHouse ch = EmbeddedClickHouse.start(lib, work, Duration.ofSeconds(60))) {
            assertThat(ch.execute("SELECT sum(x) FROM kept.t").strip()).isEqualTo("6");
        }
    }

    @Test
    void aMissingLibraryIsNamed(@TempDir Path work) {
        Path missing = work.resolve("nowhere/libchdb.so");
        assertThatThrownBy(() -> EmbeddedClickHouse.start(missing, work, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
        assertThat(Files.exists(missing)).isFalse();
    }
}
