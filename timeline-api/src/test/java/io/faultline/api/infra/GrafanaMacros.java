package io.faultline.api.infra;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a panel's raw SQL the way Grafana and the grafana-clickhouse-datasource plugin do
 * before it reaches ClickHouse: dashboard variables ({@code ${name}}, {@code $name}) by Grafana,
 * then the plugin's macros as its backend writes them (grafana/clickhouse-datasource,
 * pkg/macros/macros.go: {@code $__timeFilter(c)} becomes {@code c >= toDateTime(<from s>) AND
 * c <= toDateTime(<to s>)}, the {@code _ms} variants use {@code fromUnixTimestamp64Milli}, and so
 * on). A macro the plugin does not have is an error, as it is in Grafana.
 */
record GrafanaMacros(Instant from, Instant to, Duration interval) {

    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)(?:\\(([^)]*)\\))?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(?!__)(\\w+)");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    String expand(String sql, Map<String, String> variables) {
        Matcher v = VARIABLE.matcher(sql);
        StringBuilder withValues = new StringBuilder();
        while (v.find()) {
            String name = v.group(1) != null ? v.group(1) : v.group(2);
            if (!variables.containsKey(name)) {
                throw new IllegalArgumentException("dashboard variable $" + name + " is not defined, in: " + sql);
            }
            v.appendReplacement(withValues, Matcher.quoteReplacement(variables.get(name)));
        }
        v.appendTail(withValues);
        Matcher m = MACRO.matcher(withValues.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), m.group(2), sql)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String macro(String name, String args, String sql) {
        String[] a = args == null || args.isBlank() ? new String[0] : args.replace("\"", "").replace("'", "").split("\\s*,\\s*");
        long seconds = Math.max(interval.toSeconds(), 1);
        return switch (name) {
            case "fromTime" -> dateTime(from);
            case "toTime" -> dateTime(to);
            case "fromTime_ms" -> dateTime64(from);
            case "toTime_ms" -> dateTime64(to);
            case "timeFilter" -> one(name, a, sql) + " >= " + dateTime(from) + " AND " + a[0] + " <= " + dateTime(to);
            case "timeFilter_ms" -> one(name, a, sql) + " >= " + dateTime64(from) + " AND " + a[0] + " <= " + dateTime64(to);
            case "dateFilter" -> one(name, a, sql) + " >= " + date(from) + " AND " + a[0] + " <= " + date(to);
            case "dateTimeFilter", "dt" -> {
                if (a.length != 2) {
                    throw new IllegalArgumentException("$__" + name + " takes 2 arguments, in: " + sql);
                }
                yield "(" + a[0] + " >= " + date(from) + " AND " + a[0] + " <= " + date(to) + ") AND (" + a[1] + " >= "
                        + dateTime(from) + " AND " + a[1] + " <= " + dateTime(to) + ")";
            }
            case "timeInterval" -> "toStartOfInterval(toDateTime(" + one(name, a, sql) + "), INTERVAL " + seconds + " second)";
            case "timeInterval_ms" -> "toStartOfInterval(toDateTime64(" + one(name, a, sql) + ", 3), INTERVAL "
                    + Math.max(interval.toMillis(), 1) + " millisecond)";
            case "interval_s" -> Long.toString(seconds);
            default -> throw new IllegalArgumentException("$__" + name + " is not a macro of the ClickHouse data source, in: " + sql);
        };
    }

    private static String one(String name, String[] a, String sql) {
        if (a.length != 1) {
            throw new IllegalArgumentException("$__" + name + " takes 1 argument, in: " + sql);
        }
        return a[0];
    }

    private static String dateTime(Instant t) {
        return "toDateTime(" + t.getEpochSecond() + ")";
    }

    private static String dateTime64(Instant t) {
        return "fromUnixTimestamp64Milli(" + t.toEpochMilli() + ")";
    }

    private static String date(Instant t) {
        return "toDate('" + DATE.format(t) + "')";
    }
}
