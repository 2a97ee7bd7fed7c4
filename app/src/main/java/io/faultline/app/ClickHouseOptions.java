package io.faultline.app;

import java.util.Map;
import java.util.Optional;

import io.faultline.api.history.ClickHouseSettings;
import picocli.CommandLine.Option;

/**
 * {@code --clickhouse-url}, declared once for every command that reads or writes the history
 * ({@code @Mixin ClickHouseOptions clickHouse}). The credentials stay out of the command line:
 * {@link ClickHouseSettings} reads FAULTLINE_CLICKHOUSE_USER / FAULTLINE_CLICKHOUSE_PASSWORD.
 */
public final class ClickHouseOptions {

    public static final String URL = "--clickhouse-url";

    @Option(names = URL, description = "ClickHouse URL with the database holding the migrated tables, e.g. "
            + "http://localhost:8123/faultline. Credentials: FAULTLINE_CLICKHOUSE_USER / FAULTLINE_CLICKHOUSE_PASSWORD. "
            + "Default: no ClickHouse.")
    String url;

    /** The URL as given, or null when the option was not. */
    public String url() {
        return url;
    }

    /** The connection settings, or empty without the option; a bad URL fails naming the option. */
    public Optional<ClickHouseSettings> settings(Map<String, String> env) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClickHouseSettings.of(url, env));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + ": " + e.getMessage());
        }
    }
}
