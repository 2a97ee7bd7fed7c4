package io.faultline.api.migrate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies ordered migrations once each. Refuses to run when the recorded history does not match
 * the files: an applied migration whose file is gone or was edited (checksum), or a gap (a later
 * migration applied while an earlier one is not). A migration is recorded only after all its
 * statements ran; its statements use IF NOT EXISTS so a migration interrupted half-way can be run
 * again.
 */
public final class Migrator {

    private final MigrationTarget target;
    private final Clock clock;

    public Migrator(MigrationTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /** The migrations still to apply, in order, after checking the recorded history against the files. */
    public List<Migration> pending(List<Migration> available) throws Exception {
        target.ensureMigrationsTable();
        return pending(available, target.applied());
    }

    /** Applies every pending migration in order; returns those applied (empty when up to date). */
    public List<Migration> migrate(List<Migration> available) throws Exception {
        List<Migration> todo = pending(available);
        for (Migration m : todo) {
            List<String> statements = m.statements();
            for (int i = 0; i < statements.size(); i++) {
                try {
                    target.execute(statements.get(i));
                } catch (Exception e) {
                    throw new MigrationException("migration " + m.name() + " failed at statement " + (i + 1) + " of "
                            + statements.size() + ": " + e.getMessage(), e);
                }
            }
            target.record(new AppliedMigration(m.version(), m.name(), m.checksum(), clock.instant()));
        }
        return todo;
    }

    static List<Migration> pending(List<Migration> available, List<AppliedMigration> applied) {
        Map<Integer, Migration> files = available.stream()
                .collect(Collectors.toMap(Migration::version, Function.identity(), (a, b) -> {
                    throw new MigrationException("two migrations with version " + a.version() + ": " + a.name() + ", " + b.name());
                }, TreeMap::new));
        Map<Integer, AppliedMigration> done = new TreeMap<>();
        for (AppliedMigration a : applied) {
            done.put(a.version(), a);
        }
        for (AppliedMigration a : done.values()) {
            Migration file = files.get(a.version());
            if (file == null) {
                throw new MigrationException("migration " + a.name() + " is recorded as applied but its file is missing");
            }
            if (!file.checksum().equals(a.checksum())) {
                throw new MigrationException("migration " + file.name() + " was edited after it was applied (recorded checksum "
                        + a.checksum() + ", file " + file.checksum() + "); add a new migration instead of editing one");
            }
        }
        List<Migration> todo = new ArrayList<>();
        for (Migration m : files.values()) {
            if (!done.containsKey(m.version())) {
                todo.add(m);
            } else if (!todo.isEmpty()) {
                throw new MigrationException("migrations out of order: " + m.name() + " is applied but "
                        + todo.get(0).name() + " is not");
            }
        }
        return todo;
    }
}
