package io.faultline.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --registry-url}, declared once for every command that reads or writes Avro on Kafka
 * ({@code @Mixin RegistryOptions registry}). Required or not by command, as {@link KafkaOptions}.
 */
public final class RegistryOptions {

    public static final String REGISTRY_URL = "--registry-url";
    public static final String ENV_REGISTRY_URL = "FAULTLINE_REGISTRY_URL";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = REGISTRY_URL, description = "Schema registry base URL (Confluent API).")
    String registryUrl;

    /** The URL as given, or null when the option was not. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The URL as given, else {@value #ENV_REGISTRY_URL} from {@code env}, else {@code fallback} (see {@link KafkaOptions#bootstrapServersOr}). */
    public String registryUrlOr(java.util.Map<String, String> env, String fallback) {
        return KafkaOptions.givenOrEnvironment(registryUrl, env.get(ENV_REGISTRY_URL), fallback);
    }

    /** The URL as given, or a usage error (exit code 2) naming the option when it was not. */
    public String requiredRegistryUrl() {
        if (registryUrl == null) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '" + REGISTRY_URL + "=<registryUrl>'");
        }
        return registryUrl;
    }
}
