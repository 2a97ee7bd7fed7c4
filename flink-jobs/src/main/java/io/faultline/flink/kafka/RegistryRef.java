package io.faultline.flink.kafka;

import java.io.Serializable;

import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;

/**
 * What a Flink task needs to reach the schema registry, small enough to ship in the job graph.
 * Credentials are deliberately not in it: each task reads them from its own environment
 * ({@link RegistryConfig#ENV_USER_INFO}, {@link RegistryConfig#ENV_BEARER_TOKEN}).
 */
public record RegistryRef(String urls, boolean autoRegister) implements Serializable {

    public SchemaRegistry connect() {
        return new SchemaRegistry(RegistryConfig.of(urls, autoRegister));
    }
}
