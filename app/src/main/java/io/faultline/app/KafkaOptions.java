package io.faultline.app;

import io.faultline.schemas.Topics;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --bootstrap-servers} and {@code --topic-prefix}, declared once for every command that talks
 * to Kafka ({@code @Mixin KafkaOptions kafka}). Whether the servers are required differs by command
 * (a replay can write an archive instead, {@code api} serves history without a live feed), so
 * picocli does not enforce it: a command that needs them calls {@link #requiredBootstrapServers()}
 * first thing, which fails as picocli's own check did.
 */
public final class KafkaOptions {

    public static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
    public static final String ENV_BOOTSTRAP_SERVERS = "FAULTLINE_BOOTSTRAP_SERVERS";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = BOOTSTRAP_SERVERS, description = "Kafka bootstrap servers, e.g. localhost:9092.")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix = Topics.DEFAULT_PREFIX;

    /** The servers as given, or null when the option was not. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The servers as given, or a usage error (exit code 2) naming the option when it was not. */
    public String requiredBootstrapServers() {
        if (bootstrapServers == null) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '" + BOOTSTRAP_SERVERS
                    + "=<bootstrapServers>'");
        }
        return bootstrapServers;
    }

    /**
     * The servers as given, else {@value #ENV_BOOTSTRAP_SERVERS} from {@code env}, else {@code fallback}:
     * for a command that runs against a local stack by default ({@code faultline run correlation}).
     */
    public String bootstrapServersOr(java.util.Map<String, String> env, String fallback) {
        return givenOrEnvironment(bootstrapServers, env.get(ENV_BOOTSTRAP_SERVERS), fallback);
    }

    static String givenOrEnvironment(String given, String fromEnvironment, String fallback) {
        if (given != null) {
            return given;
        }
        return fromEnvironment == null || fromEnvironment.isBlank() ? fallback : fromEnvironment;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    /** The topics under {@code --topic-prefix}; a bad prefix fails naming the option. */
    public Topics topics() {
        try {
            return Topics.withPrefix(topicPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--topic-prefix: " + e.getMessage());
        }
    }
}
