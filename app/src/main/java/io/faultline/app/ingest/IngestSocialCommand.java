package io.faultline.app.ingest;

import io.faultline.app.metrics.CommandMetrics;
import io.faultline.app.metrics.KafkaReadiness;
import io.faultline.app.metrics.MeteredSocialSink;
import io.faultline.app.metrics.MetricsOptions;
import io.faultline.streams.PipelineMeters;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.ingestion.social.stream.JetstreamConfig;
import io.faultline.ingestion.social.stream.KafkaSocialSink;
import io.faultline.ingestion.social.stream.MastodonStreamConfig;
import io.faultline.ingestion.social.stream.PostEmitter;
import io.faultline.ingestion.social.stream.Sleeper;
import io.faultline.ingestion.social.stream.SocialSink;
import io.faultline.ingestion.social.stream.SocialStreamConfig;
import io.faultline.ingestion.social.stream.SocialStreamClient;
import io.faultline.ingestion.social.stream.StreamStats;
import io.faultline.ingestion.social.stream.XRules;
import io.faultline.ingestion.social.stream.XStreamConfig;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.KafkaReachability;
import io.faultline.app.KafkaAvroOptions;

/**
 * {@code faultline ingest social}: one live social stream into raw.social (and the dead-letter
 * topic). Every setting is checked before anything connects; tokens come from the environment.
 */
@Command(name = "social", mixinStandardHelpOptions = true,
        description = {"Stream public posts from X (filtered stream), Bluesky (Jetstream) or Mastodon (streaming API) "
                + "into the raw.social topic, keyed by post id; unreadable input goes to the dead-letter topic.",
                "Tokens come from the environment only: " + XStreamConfig.ENV_BEARER_TOKEN + " (X, required), "
                        + MastodonStreamConfig.ENV_ACCESS_TOKEN + " (Mastodon, optional)."})
public final class IngestSocialCommand implements Callable<Integer> {

    enum Platform { x, bluesky, mastodon }

    @Option(names = "--platform", required = true, description = "x, bluesky or mastodon.")
    Platform platform;

    @Option(names = "--catalog", defaultValue = "catalog",
            description = "Catalog directory; X stream rules are built from its keywords, handles and cashtags (default: ${DEFAULT-VALUE}).")
    Path catalog;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Register the SocialPost and DeadLetter schemas if missing (default: on; turn off in production).")
    boolean autoRegister;

    @Option(names = "--x-base-url", defaultValue = XStreamConfig.DEFAULT_BASE_URL, description = "X API base URL (default: ${DEFAULT-VALUE}).")
    String xBaseUrl;

    @Option(names = "--x-max-rule-length", defaultValue = "" + XRules.DEFAULT_MAX_RULE_LENGTH,
            description = "Longest rule your X access level accepts (default: ${DEFAULT-VALUE}).")
    int xMaxRuleLength;

    @Option(names = "--x-max-rules", defaultValue = "" + XRules.DEFAULT_MAX_RULES,
            description = "Most rules your X access level accepts (default: ${DEFAULT-VALUE}).")
    int xMaxRules;

    @Option(names = "--jetstream-url", defaultValue = JetstreamConfig.DEFAULT_URL, description = "Jetstream subscribe URL (default: ${DEFAULT-VALUE}).")
    String jetstreamUrl;

    @Option(names = "--mastodon-url", defaultValue = MastodonStreamConfig.DEFAULT_BASE_URL,
            description = "Mastodon instance (or its streaming host) base URL (default: ${DEFAULT-VALUE}).")
    String mastodonUrl;

    @Option(names = "--mastodon-hashtag", description = "Follow this hashtag (repeatable; without '#'). Without any, the public timeline.")
    List<String> mastodonHashtags = new ArrayList<>();

    @Option(names = "--mastodon-public", description = "Also follow the public timeline when hashtags are given.")
    boolean mastodonPublic;

    @Option(names = "--allow-private-addresses",
            description = "Allow base URLs that resolve to loopback or private addresses (a local test server).")
    boolean allowPrivate;

    @Option(names = "--max-posts", defaultValue = "0", description = "Stop after this many posts (0: run until stopped).")
    long maxPosts;

    @picocli.CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    /** The process environment; tests put their own here. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        String bootstrapServers = kafka.requiredBootstrapServers();
        String registryUrl = kafka.requiredRegistryUrl();
        if (maxPosts < 0) {
            throw new IllegalArgumentException("--max-posts must be 0 (no limit) or more, was " + maxPosts);
        }
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers: must not be empty");
        }
        Topics topics = kafka.topics();
        SocialStreamConfig config = config(); // every setting checked before anything connects
        RegistryConfig registryConfig = RegistryConfig.of(registryUrl, autoRegister, env);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        KafkaReachability.require(bootstrapServers, registryUrl, java.util.List.of(topics.rawSocial.name(), topics.deadLetters.name()));
        try (CommandMetrics m = metrics.open(new java.io.PrintWriter(System.out, true));
             SocialSink sink = new MeteredSocialSink(KafkaSocialSink.create(bootstrapServers, topics, new SchemaRegistry(registryConfig)),
                     PipelineMeters.of(m.registry()), topics)) {
            m.require(new KafkaReadiness(bootstrapServers));
            PostEmitter emitter = new PostEmitter(sink, Clock.systemUTC(), maxPosts);
            SocialStreamClient client = config.client(http, emitter, Sleeper.SYSTEM, new Random());
            MeteredSocialSink.bindStats(m.registry(), platform.name(), client::stats);
            m.started();
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                client.stop();
                main.interrupt();
                try {
                    main.join(10_000); // let the sink flush what was read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "faultline-ingest-social-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("faultline ingest social: " + platform + " -> " + topics.rawSocial.name()
                    + (maxPosts > 0 ? " (stopping after " + maxPosts + " posts)" : " (Ctrl-C to stop)"));
            try {
                client.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped by the shutdown hook
            } finally {
                Thread.interrupted(); // flush below must not see our own interrupt
                sink.flush();
                StreamStats s = client.stats();
                System.out.println("faultline ingest social: " + platform + " " + s.summary() + "; posts in "
                        + topics.rawSocial.name() + ", dead letters in " + topics.deadLetters.name());
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running
                }
            }
        }
        return 0;
    }

    /** The platform's config, validated. */
    SocialStreamConfig config() {
        return switch (platform) {
            case x -> XStreamConfig.of(xBaseUrl, allowPrivate, XRules.fromCatalog(
                    CatalogYaml.load(catalog, Instant.now()).requireValid(), xMaxRuleLength, xMaxRules), env);
            case bluesky -> JetstreamConfig.of(jetstreamUrl, allowPrivate);
            case mastodon -> MastodonStreamConfig.of(mastodonUrl, allowPrivate, mastodonHashtags, mastodonPublic, env);
        };
    }
}
