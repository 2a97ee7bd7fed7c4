package io.faultline.app;

import io.faultline.schemas.Topics;
import picocli.CommandLine.Mixin;

/**
 * {@link KafkaOptions} and {@link RegistryOptions} as one mixin ({@code @Mixin KafkaAvroOptions kafka}): a
 * command that reads or writes Avro on Kafka needs the broker and the schema registry both, so it
 * declares them together. The options, their checks and their messages are those of the two.
 */
public final class KafkaAvroOptions {

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    /** See {@link KafkaOptions#bootstrapServers()}. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** See {@link KafkaOptions#requiredBootstrapServers()}. */
    public String requiredBootstrapServers() {
        return kafka.requiredBootstrapServers();
    }

    public String topicPrefix() {
        return kafka.topicPrefix();
    }

    /** See {@link KafkaOptions#topics()}. */
    public Topics topics() {
        return kafka.topics();
    }

    /** See {@link RegistryOptions#registryUrl()}. */
    public String registryUrl() {
        return registry.registryUrl();
    }

    /** See {@link RegistryOptions#requiredRegistryUrl()}. */
    public String requiredRegistryUrl() {
        return registry.requiredRegistryUrl();
    }
}
