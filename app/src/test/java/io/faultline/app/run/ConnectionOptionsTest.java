package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.faultline.app.KafkaOptions;
import io.faultline.app.RegistryOptions;
import io.faultline.app.ClickHouseOptions;
import io.faultline.app.Faultline;

/** The Kafka, registry and ClickHouse options every command shares, declared once as mixins. */
class ConnectionOptionsTest {

    private static RunCorrelationCommand correlation(String... args) {
        RunCorrelationCommand command = new RunCorrelationCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void aGivenOptionWinsOverTheVariableAndTheVariableOverTheFallback() {
        Map<String, String> env = Map.of(KafkaOptions.ENV_BOOTSTRAP_SERVERS, "kafka:9092",
                RegistryOptions.ENV_REGISTRY_URL, "http://registry:8081");

        RunCorrelationCommand given = correlation("--bootstrap-servers", "b:1", "--registry-url", "http://r:2");
        assertThat(given.kafka.bootstrapServersOr(env, "localhost:9092")).isEqualTo("b:1");
        assertThat(given.registryOptions.registryUrlOr(env, "http://localhost:8081")).isEqualTo("http://r:2");

        RunCorrelationCommand none = correlation();
        assertThat(none.kafka.bootstrapServersOr(env, "localhost:9092")).isEqualTo("kafka:9092");
        assertThat(none.registryOptions.registryUrlOr(env, "http://localhost:8081")).isEqualTo("http://registry:8081");
        assertThat(none.kafka.bootstrapServersOr(Map.of(KafkaOptions.ENV_BOOTSTRAP_SERVERS, " "), "localhost:9092"))
                .isEqualTo("localhost:9092");
        assertThat(none.registryOptions.registryUrlOr(Map.of(), "http://localhost:8081")).isEqualTo("http://localhost:8081");
    }

    @Test
    void eachOptionIsDeclaredOnceWhateverCommandsUseIt() {
        CommandLine root = new CommandLine(new Faultline());
        java.util.List<Object> declarations = new java.util.ArrayList<>();
        collect(root, declarations);
        // every command's --bootstrap-servers, --registry-url and --clickhouse-url is the mixin's field
        assertThat(declarations).isNotEmpty().allSatisfy(d -> assertThat(d).isIn(
                field(KafkaOptions.class, "bootstrapServers"), field(KafkaOptions.class, "topicPrefix"),
                field(RegistryOptions.class, "registryUrl"), field(ClickHouseOptions.class, "url")));
    }

    private static void collect(CommandLine cmd, java.util.List<Object> declarations) {
        for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
            if (java.util.List.of("--bootstrap-servers", "--topic-prefix", "--registry-url", "--clickhouse-url").contains(o.longestName())) {
                declarations.add(o.userObject());
            }
        }
        cmd.getSubcommands().values().forEach(sub -> collect(sub, declarations));
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
