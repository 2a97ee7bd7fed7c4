package io.faultline.api.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads {@code NNN_name.sql} files from a directory, in version order, checking numbering. */
public final class MigrationFiles {

    static final Pattern FILE_NAME = Pattern.compile("(\\d{3})_[a-z0-9_]+\\.sql");

    private MigrationFiles() {
    }

    /**
     * @throws MigrationException when a .sql file is misnamed, a version repeats, or versions are
     *                            not 1, 2, 3 ... without gaps
     */
    public static List<Migration> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new MigrationException("migrations directory " + dir + " does not exist");
        }
        List<Migration> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".sql")).toList()) {
                String name = file.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name);
                if (!m.matches()) {
                    throw new MigrationException("migration file " + name + " is not named NNN_lower_case_name.sql");
                }
                Migration migration = Migration.of(Integer.parseInt(m.group(1)), name, Files.readString(file, StandardCharsets.UTF_8));
                if (migration.statements().isEmpty()) {
                    // an empty file would be recorded as applied with nothing done: almost surely a mistake
                    throw new MigrationException("migration file " + name + " has no SQL statement (empty, or comments only)");
                }
                out.add(migration);
            }
        }
        out.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).version() != i + 1) {
                throw new MigrationException("migration versions must run 001, 002, ... without gaps or repeats; found "
                        + out.get(i).name() + " at position " + (i + 1));
            }
        }
        return out;
    }
}
