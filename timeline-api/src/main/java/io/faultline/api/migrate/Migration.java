package io.faultline.api.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One migration file {@code NNN_name.sql}.
 *
 * @param version  NNN, 1 for the first; versions are contiguous
 * @param name     the file name, e.g. {@code 004_incidents.sql}
 * @param sql      the file's text
 * @param checksum SHA-256 of the text (hex), recorded when applied so an edited file is refused
 */
public record Migration(int version, String name, String sql, String checksum) {

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(checksum, "checksum");
    }

    public static Migration of(int version, String name, String sql) {
        return new Migration(version, name, sql, sha256(sql));
    }

    public List<String> statements() {
        return SqlStatements.split(sql);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
