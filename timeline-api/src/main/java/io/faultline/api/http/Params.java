package io.faultline.api.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/** Reads and validates query / path parameters; every failure is a {@link BadParameter} naming the parameter. */
final class Params {

    /** Catalog ids: lower-case words, digits, dots, dashes, underscores and '/' (provider regions). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
    static final Set<String> INCIDENT_STATES = Set.of("SUSPECTED", "CONFIRMED", "RESOLVED", "OPEN");

    private Params() {
    }

    /** The query parameter as {@code read} makes it, or {@code fallback} when it is absent or empty. */
    private static <T> T query(Context ctx, String name, T fallback, Function<String, T> read) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isEmpty() ? fallback : read.apply(raw);
    }

    static Instant instant(Context ctx, String name, Instant fallback) {
        return query(ctx, name, fallback, raw -> {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new BadParameter(name, name + ": expected an ISO-8601 instant such as 2021-12-07T15:30:00Z, got '" + raw + "'");
            }
        });
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        return query(ctx, name, fallback, raw -> {
            try {
                int v = Integer.parseInt(raw);
                if (v < min || v > max) {
                    throw new BadParameter(name, name + ": must be between " + min + " and " + max + ", got " + v);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new BadParameter(name, name + ": expected an integer, got '" + raw + "'");
            }
        });
    }

    static Duration duration(Context ctx, String name, Duration fallback, Duration min, Duration max) {
        return query(ctx, name, fallback, raw -> {
            Duration d;
            try {
                d = Duration.parse(raw);
            } catch (DateTimeParseException e) {
                throw new BadParameter(name, name + ": expected an ISO-8601 duration such as PT5M, got '" + raw + "'");
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new BadParameter(name, name + ": must be between " + min + " and " + max + ", got " + d);
            }
            return d;
        });
    }

    /** An optional id-like filter; "" when absent. */
    static String optionalId(Context ctx, String name) {
        return query(ctx, name, "", raw -> checkId(name, raw));
    }

    static String pathId(Context ctx, String name) {
        return checkId(name, ctx.pathParam(name));
    }

    static String checkId(String name, String raw) {
        if (!ID.matcher(raw).matches()) {
            throw new BadParameter(name, name + ": expected an id of letters, digits and . _ : / - (at most 200), got '" + raw + "'");
        }
        return raw;
    }

    static String incidentState(Context ctx) {
        return query(ctx, "state", "", raw -> {
            String upper = raw.toUpperCase(java.util.Locale.ROOT);
            if (!INCIDENT_STATES.contains(upper)) {
                throw new BadParameter("state", "state: expected one of SUSPECTED, CONFIRMED, RESOLVED, OPEN, got '" + raw + "'");
            }
            return upper;
        });
    }

    static boolean bool(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new BadParameter(name, name + ": expected true or false, got '" + raw + "'");
    }

    static void range(String fromName, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new BadParameter(fromName, fromName + ": must be before to (" + from + " >= " + to + ")");
        }
    }
}
