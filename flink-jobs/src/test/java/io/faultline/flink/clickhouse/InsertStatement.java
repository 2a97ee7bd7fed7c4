package io.faultline.flink.clickhouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the multi-row INSERT the JDBC driver sends ({@code INSERT INTO t (a, b) VALUES (...), (...)})
 * the way ClickHouse would parse the literals it uses: quoted strings with backslash escapes, arrays
 * in brackets, NULL, and bare numbers and booleans (kept as their text). Enough for the rows the
 * sink's mappers produce; not a general SQL parser.
 */
record InsertStatement(String table, List<String> columns, List<Map<String, Object>> rows) {

    private static final Pattern HEAD = Pattern.compile("(?s)\\s*INSERT INTO (\\w+) \\(([^)]*)\\)\\s*VALUES\\s*");

    static String table(String body) {
        Matcher m = HEAD.matcher(body);
        return m.lookingAt() ? m.group(1) : null;
    }

    static InsertStatement parse(String body) {
        Matcher m = HEAD.matcher(body);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not an INSERT ... VALUES: " + body.substring(0, Math.min(80, body.length())));
        }
        List<String> columns = List.of(m.group(2).split(",\\s*"));
        Reader r = new Reader(body, m.end());
        List<Map<String, Object>> rows = new ArrayList<>();
        while (r.skipSpaceAnd(',') && r.more()) {
            List<Object> values = r.list('(', ')');
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException(values.size() + " values for " + columns.size() + " columns: " + values);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values.get(i));
            }
            rows.add(row);
        }
        return new InsertStatement(m.group(1), columns, rows);
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s, int start) {
            this.s = s;
            this.i = start;
        }

        boolean more() {
            return i < s.length();
        }

        /** Skips white space and the separator; always true (for use in loop conditions). */
        boolean skipSpaceAnd(char separator) {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == separator || s.charAt(i) == ';')) {
                i++;
            }
            return true;
        }

        List<Object> list(char open, char close) {
            expect(open);
            List<Object> out = new ArrayList<>();
            skipSpaceAnd(' ');
            if (s.charAt(i) == close) {
                i++;
                return out;
            }
            while (true) {
                skipSpaceAnd(' ');
                out.add(value());
                skipSpaceAnd(' ');
                char c = s.charAt(i++);
                if (c == close) {
                    return out;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' at " + (i - 1) + ": " + around());
                }
            }
        }

        private Object value() {
            char c = s.charAt(i);
            if (c == '\'') {
                return quoted();
            }
            if (c == '[') {
                return list('[', ']');
            }
            int start = i;
            while (i < s.length() && ",)] \n\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String bare = s.substring(start, i);
            return bare.equalsIgnoreCase("NULL") ? null : bare;
        }

        private String quoted() {
            expect('\'');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    b.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case '0' -> '\0';
                        default -> e;
                    });
                } else if (c == '\'') {
                    if (i < s.length() && s.charAt(i) == '\'') { // '' is an escaped quote too
                        b.append('\'');
                        i++;
                    } else {
                        return b.toString();
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + ": " + around());
            }
            i++;
        }

        private String around() {
            return s.substring(Math.max(0, i - 30), Math.min(s.length(), i + 30));
        }
    }
}
