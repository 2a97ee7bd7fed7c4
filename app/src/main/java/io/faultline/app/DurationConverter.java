package io.faultline.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration syntax of every command's duration options (docs/running.md): a whole number and a
 * unit, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}; ISO-8601 ({@code PT30S}) is
 * also read, for command lines written before. Every duration option names this converter
 * ({@code converter = DurationConverter.class}), so it holds however the command line is built; picocli
 * puts the option's name before a refusal: {@code Invalid value for option '--interval': 'soon' is not
 * a duration ...}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** How the accepted forms are named in messages and help. */
    public static final String EXAMPLES = "e.g. 500ms, 30s, 5m, 2h, 1d, or ISO-8601 PT30S";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** {@code value} as a duration, or a {@link TypeConversionException} saying what is accepted. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // named below
        }
        throw new TypeConversionException("'" + value + "' is not a duration (" + EXAMPLES + ")");
    }
}
