package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every column a row mapper writes exists in the table the migrations create. */
class MapperColumnsMatchMigrationsTest {

    static Set<String> columnsOf(String table) throws Exception {
        Path migrations = Path.of("..").resolve("infra/clickhouse/migrations");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.sorted().toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        Matcher t = Pattern.compile("(?s)CREATE TABLE IF NOT EXISTS " + table + "\\s*\\((.*?)\\n\\)").matcher(all);
        assertThat(t.find()).as("table " + table + " in the migrations").isTrue();
        Set<String> out = new HashSet<>();
        Matcher c = Pattern.compile("(?m)^\\s+(\\w+)\\s+[A-Z]").matcher(t.group(1));
        while (c.find()) {
            out.add(c.group(1));
        }
        return out;
    }

    @Test
    void everyMapperWritesExistingColumns() throws Exception {
        for (RowMapper<?> m : List.of(new ServiceHealthRows(), new IncidentRows(), new IncidentMemberRows(), new IncidentEventRows(),
                new SignalRows())) {
            assertThat(columnsOf(m.table())).as(m.table()).containsAll(m.columns());
        }
    }
}
