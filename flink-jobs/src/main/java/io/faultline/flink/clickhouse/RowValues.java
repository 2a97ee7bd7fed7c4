package io.faultline.flink.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Value conventions shared by the row mappers. */
public final class RowValues {

    /** DateTime64(3, 'UTC') columns take this text; the column's own time zone (UTC) interprets it. */
    private static final DateTimeFormatter DATETIME64 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private RowValues() {
    }

    public static String time(Instant t) {
        return t == null ? null : DATETIME64.format(t);
    }

    public static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A deterministic 63-bit row id from the parts (non-negative, so it binds as a plain UInt64 literal). */
    public static long rowId(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(orEmpty(p).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            byte[] d = md.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
