package io.faultline.api.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements at {@code ;} outside quotes, back-quotes and comments
 * (ClickHouse's HTTP interface runs one statement per request). Comment-only pieces are dropped.
 */
public final class SqlStatements {

    private SqlStatements() {
    }

    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean meaningful = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                current.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new MigrationException("unterminated /* comment at offset " + i);
                }
                current.append(sql, i, end + 2);
                i = end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, i, c);
                current.append(sql, i, end + 1);
                meaningful = true;
                i = end + 1;
            } else if (c == ';') {
                if (meaningful) {
                    out.add(current.toString().strip());
                }
                current.setLength(0);
                meaningful = false;
                i++;
            } else {
                current.append(c);
                meaningful |= !Character.isWhitespace(c);
                i++;
            }
        }
        if (meaningful) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** Index of the quote closing the one at {@code start}; backslash escapes and doubled quotes are skipped. */
    private static int closingQuote(String sql, int start, char quote) {
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new MigrationException("unterminated " + quote + " quote at offset " + start);
    }
}
