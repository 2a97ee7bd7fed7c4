package io.faultline.api.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.faultline.api.migrate.Migration;
import io.faultline.api.migrate.MigrationFiles;

/** Tables and their columns as the migrations create them (read from the SQL, no server). */
final class SchemaColumns {

    private static final Pattern CREATE_TABLE = Pattern.compile("(?s)CREATE TABLE IF NOT EXISTS (\\w+)\\s*\\((.*?)\\n\\)");
    private static final Pattern COLUMN = Pattern.compile("(?m)^\\s+(\\w+)\\s+(?!TYPE\\b)[A-Z]\\w*");

    private SchemaColumns() {
    }

    static Path home() {
        return Path.of(System.getProperty("faultline.home", ".."));
    }

    static Map<String, Set<String>> load() throws IOException {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        for (Migration m : MigrationFiles.load(home().resolve("infra/clickhouse/migrations"))) {
            for (String statement : m.statements()) {
                Matcher t = CREATE_TABLE.matcher(statement);
                if (t.find()) {
                    Set<String> columns = new LinkedHashSet<>();
                    Matcher c = COLUMN.matcher(t.group(2));
                    while (c.find()) {
                        if (!c.group(1).equals("INDEX")) {
                            columns.add(c.group(1));
                        }
                    }
                    tables.put(t.group(1), columns);
                }
            }
        }
        return tables;
    }
}
