package io.faultline.app.run;

import io.faultline.avro.CatalogEntry;
import io.faultline.notify.CatalogIndex;
import io.faultline.notify.NotifyService;
import io.faultline.notify.Subscription;
import io.faultline.notify.SubscriptionsFile;
import io.faultline.notify.delivery.DeliveryMetrics;
import io.faultline.notify.delivery.KafkaDeliveryRecords;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.faultline.app.KafkaReachability;
import io.faultline.app.catalog.CatalogCommand;
import io.faultline.app.KafkaAvroOptions;

/** {@code faultline run notify}: incident alerts to the subscriptions of a YAML file (docs/notify.md). */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Deliver incident alerts to subscriptions (webhook, Slack, PagerDuty, Alertmanager): one alert per "
                + "incident touching a subscriber's stack, updates when its cause, state or the subscriber's affected "
                + "services change (throttled), and the resolve. Never one alert per service.",
                "Reads the incidents topic (read_committed); what was delivered is kept in the compacted "
                        + "notify-deliveries topic, so a restart re-sends nothing acknowledged. Runs until Ctrl-C.",
                "Subscriptions file format, webhook body and signature: docs/notify.md."})
public final class RunNotifyCommand implements Callable<Integer> {

    @Option(names = "--subscriptions", required = true, paramLabel = "FILE",
            description = "Subscriptions file (YAML; example: infra/notify/subscriptions.example.yaml).")
    Path subscriptionsFile;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--catalog-dir", defaultValue = "catalog",
            description = "Catalog directory the subscriptions' stacks resolve against (default: ${DEFAULT-VALUE}).")
    Path catalogDir;

    private static final java.util.regex.Pattern BOOTSTRAP =
            java.util.regex.Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");

    @picocli.CommandLine.Mixin
    io.faultline.app.metrics.MetricsOptions metrics = new io.faultline.app.metrics.MetricsOptions();

    @Override
    public Integer call() throws Exception {
        String bootstrapServers = kafka.requiredBootstrapServers();
        String registryUrl = kafka.requiredRegistryUrl();
        if (!BOOTSTRAP.matcher(bootstrapServers.trim()).matches()) {
            throw new IllegalArgumentException("--bootstrap-servers '" + bootstrapServers
                    + "': expected host:port[,host:port...], e.g. localhost:9092");
        }
        if (!registryUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("--registry-url '" + registryUrl + "': expected an http:// or https:// URL");
        }
        Topics topics = kafka.topics();
        // the file first: a mistake in it is named before anything is reached or sent
        SubscriptionsFile.Contents subscriptions = SubscriptionsFile.load(subscriptionsFile,
                catalogIndex(CatalogCommand.read(catalogDir).requireValid()), System.getenv());
        KafkaReachability.require(bootstrapServers, registryUrl, List.of(topics.incidents.name(), topics.deadLetters.name()));
        KafkaDeliveryRecords.ensureTopic(bootstrapServers, topics, KafkaReachability.WAIT);
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, true));
        CountDownLatch stopped = new CountDownLatch(1);
        try (io.faultline.app.metrics.CommandMetrics m = metrics.open(new java.io.PrintWriter(System.out, true));
             NotifyService service = NotifyService.start(bootstrapServers, topics, registry, subscriptions,
                new DeliveryMetrics(m.registry()))) {
            m.require(new io.faultline.app.metrics.KafkaReadiness(bootstrapServers));
            m.started();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "faultline-notify-stop"));
            System.out.printf("faultline notify: %d subscription(s) from %s, %d deliveries restored from %s; reading %s "
                            + "(Ctrl-C stops)%n", subscriptions.subscriptions().size(), subscriptionsFile, service.restored(),
                    topics.notifyDeliveries.name(), topics.incidents.name());
            for (Subscription s : subscriptions.subscriptions()) {
                System.out.println("  " + s.id() + ": " + s);
            }
            while (!stopped.await(5, TimeUnit.SECONDS)) {
                if (!service.running()) {
                    throw new IllegalStateException("notify stopped reading " + topics.incidents.name()
                            + (service.failure() == null ? "" : ": " + service.failure().getMessage()), service.failure());
                }
            }
        }
        return 0;
    }

    /** The catalog's ids and the domains its entries serve, for "my stack" entries. */
    public static CatalogIndex catalogIndex(List<CatalogEntry> entries) {
        Set<String> ids = new HashSet<>();
        Map<String, String> domains = new HashMap<>();
        for (CatalogEntry e : entries) {
            ids.add(e.getEntityId());
            e.getDomains().forEach(d -> domains.putIfAbsent(d, e.getEntityId()));
        }
        return new CatalogIndex(ids, domains);
    }
}
