package io.faultline.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline catalog validate|load}: check the YAML catalog and publish it to the compacted catalog topic. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Validate the dependency catalog (catalog/*.yaml) or load it into the compacted catalog topic.",
        subcommands = {CatalogCommand.Validate.class, CatalogCommand.Load.class})
public final class CatalogCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static CatalogLoad read(Path dir) {
        return CatalogYaml.load(dir, Instant.now());
    }

    static String summary(List<CatalogEntry> entries) {
        Map<String, Long> byKind = entries.stream()
                .collect(Collectors.groupingBy(e -> e.getKind().name(), TreeMap::new, Collectors.counting()));
        long edges = entries.stream().mapToLong(e -> e.getDependsOn().size()).sum();
        return entries.size() + " entities " + byKind + ", " + edges + " dependency edges";
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check the catalog and print what it holds; exit 1 listing every problem if it is invalid.")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--catalog-dir", description = "Catalog directory (default: ${DEFAULT-VALUE}).", defaultValue = "catalog")
        Path dir;

        @Override
        public Integer call() {
            CatalogLoad load = read(dir);
            if (!load.valid()) {
                System.err.println("catalog " + dir + " is invalid:");
                load.errors().forEach(e -> System.err.println("  - " + e));
                return 1;
            }
            System.out.println("catalog " + dir + " is valid: " + summary(load.entries()));
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Validate the catalog and publish every entity, keyed by id, to the compacted catalog topic. "
                    + "Running jobs pick the changes up without a restart.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--catalog-dir", description = "Catalog directory (default: ${DEFAULT-VALUE}).", defaultValue = "catalog")
        Path dir;

        @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, e.g. localhost:9092.")
        String bootstrapServers;

        @Option(names = "--registry-url", required = true, description = "Schema registry base URL (Confluent API).")
        String registryUrl;

        @Option(names = "--topic-prefix", description = "Topic prefix (default: ${DEFAULT-VALUE}).", defaultValue = Topics.DEFAULT_PREFIX)
        String topicPrefix;

        @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Register the CatalogEntry schema if missing (default: on; turn off in production).")
        boolean autoRegister;

        @Override
        public Integer call() throws Exception {
            CatalogLoad load = read(dir);
            if (!load.valid()) {
                System.err.println("catalog " + dir + " is invalid, nothing published:");
                load.errors().forEach(e -> System.err.println("  - " + e));
                return 1;
            }
            if (bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers: must not be empty");
            }
            Topics topics = Topics.withPrefix(topicPrefix);
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, autoRegister));
            int sent = publish(bootstrapServers, topics, registry, load.entries());
            System.out.println("published " + sent + " catalog entries to " + topics.catalog.name() + ": " + summary(load.entries()));
            return 0;
        }
    }

    /** Writes every entry keyed by its id; idempotent producer, all acknowledged before returning. */
    static int publish(String bootstrapServers, Topics topics, SchemaRegistry registry, List<CatalogEntry> entries) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, CatalogEntry> producer =
                     new KafkaProducer<>(p, new StringSerializer(), topics.catalog.serde(registry))) {
            for (CatalogEntry e : entries) {
                producer.send(new ProducerRecord<>(topics.catalog.name(), null, e.getEventTime().toEpochMilli(), e.getEntityId(), e));
            }
            producer.flush();
        }
        return entries.size();
    }
}
