package io.faultline.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.CatalogEntry;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The project's catalog goes into the compacted catalog topic of a real broker, one record per entity. */
class CatalogLoadIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void loadsEveryEntityKeyedById() throws Exception {
        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        List<CatalogEntry> entries = STACK.publishProjectCatalog(registry);

        Map<String, CatalogEntry> read = new HashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "catalog-load-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, CatalogEntry> c = new KafkaConsumer<>(p, new StringDeserializer(),
                stack.topics().catalog.serde(registry))) {
            c.subscribe(List.of(stack.topics().catalog.name()));
            // the consumer is not thread-safe: poll it in the test's own thread
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> read.put(r.key(), r.value()));
                return read.size() >= entries.size();
            });
        }
        assertThat(read).hasSameSizeAs(entries);
        assertThat(read.get("aws/us-east-1").getParentId()).isEqualTo("aws");
        assertThat(read.get("coinbase")).isEqualTo(entries.stream().filter(e -> e.getEntityId().equals("coinbase")).findFirst().orElseThrow());
    }
}
