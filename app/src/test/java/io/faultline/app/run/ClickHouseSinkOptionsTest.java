package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.faultline.api.history.ClickHouseSettings;
import io.faultline.flink.clickhouse.ClickHouseSinkConfig;
import io.faultline.flink.clickhouse.RetryPolicy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The --clickhouse-* options of {@code faultline run correlation}, as picocli parses them. */
class ClickHouseSinkOptionsTest {

    private static final Map<String, String> ENV = Map.of();

    private static Optional<ClickHouseSinkConfig> parse(String... args) {
        RunCorrelationCommand command = new RunCorrelationCommand();
        new CommandLine(command).parseArgs(args);
        return command.clickHouse.config(ENV);
    }

    @Test
    void withoutAUrlThereIsNoClickHouseSink() {
        assertThat(parse()).isEmpty();
        assertThat(parse("--clickhouse-batch-rows", "10")).isEmpty();
    }

    @Test
    void theUrlIsReadAsFaultlineApiReadsItAndTheDefaultsAreTheSinks() {
        ClickHouseSinkConfig config = parse("--clickhouse-url", "http://clickhouse:8123/faultline").orElseThrow();

        assertThat(config.jdbcUrl()).isEqualTo(ClickHouseSettings.of("http://clickhouse:8123/faultline", ENV).jdbcUrl())
                .isEqualTo("jdbc:clickhouse:http://clickhouse:8123/faultline");
        assertThat(config).isEqualTo(ClickHouseSinkConfig.of(config.jdbcUrl()));
    }

    @Test
    void batchAndRetryOptionsReachTheSink() {
        ClickHouseSinkConfig config = parse("--clickhouse-url", "jdbc:clickhouse://ch:8123/history", "--clickhouse-batch-rows", "500",
                "--clickhouse-batch-delay", "750ms", "--clickhouse-max-retries", "2", "--clickhouse-retry-backoff", "1s",
                "--clickhouse-max-backoff", "PT4S", "--clickhouse-timeout", "1m").orElseThrow();

        assertThat(config).isEqualTo(new ClickHouseSinkConfig("jdbc:clickhouse://ch:8123/history", 500, Duration.ofMillis(750),
                Duration.ofMinutes(1), new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(4))));
    }

    @Test
    void aBadValueFailsAtStartUpNamingTheOption() {
        String url = "--clickhouse-url=http://ch:8123/faultline";
        assertThatThrownBy(() -> parse(url, "--clickhouse-batch-rows", "0"))
                .hasMessage("--clickhouse-batch-rows: accepted values are 1..1000000");
        assertThatThrownBy(() -> parse(url, "--clickhouse-batch-delay", "0s"))
                .hasMessageStartingWith("--clickhouse-batch-delay: accepted values are a positive duration");
        assertThatThrownBy(() -> parse(url, "--clickhouse-max-retries", "-1"))
                .hasMessage("--clickhouse-max-retries: accepted values are 0..100");
        assertThatThrownBy(() -> parse(url, "--clickhouse-retry-backoff", "5s", "--clickhouse-max-backoff", "1s"))
                .hasMessageStartingWith("--clickhouse-max-backoff: accepted values are a duration of at least --clickhouse-retry-backoff");
        assertThatThrownBy(() -> parse(url, "--clickhouse-timeout", "0ms"))
                .hasMessageStartingWith("--clickhouse-timeout:");
        assertThatThrownBy(() -> parse("--clickhouse-url", "clickhouse:8123"))
                .hasMessageStartingWith("--clickhouse-url: ClickHouse URL 'clickhouse:8123': expected http(s)://host:port/database");
        assertThatThrownBy(() -> parse(url, "--clickhouse-batch-rows", "many"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--clickhouse-batch-rows");
        assertThatThrownBy(() -> parse(url, "--clickhouse-batch-delay", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--clickhouse-batch-delay");
    }

    @Test
    void theSinksReadTheCredentialsFaultlineApiReads() {
        // the sinks resolve them on the task manager (flink-jobs cannot see ClickHouseSettings): the names must agree
        assertThat(ClickHouseSinkConfig.ENV_USER).isEqualTo(ClickHouseSettings.ENV_USER);
        assertThat(ClickHouseSinkConfig.ENV_PASSWORD).isEqualTo(ClickHouseSettings.ENV_PASSWORD);
    }
}
