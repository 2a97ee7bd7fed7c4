package io.faultline.api.migrate;

import java.time.Instant;

/** A row of the migrations table: what was applied, with which checksum, when. */
public record AppliedMigration(int version, String name, String checksum, Instant appliedAt) {
}
