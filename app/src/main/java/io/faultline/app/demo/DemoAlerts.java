package io.faultline.app.demo;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.notify.ChannelKind;
import io.faultline.notify.NotifyService;
import io.faultline.notify.Subscription;
import io.faultline.notify.SubscriptionFilter;
import io.faultline.notify.SubscriptionsFile;
import io.faultline.notify.delivery.DeliveryMetrics;
import io.faultline.schemas.serde.SchemaRegistry;
import io.micrometer.core.instrument.Counter;

import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The demo's {@code --webhook} targets: the notify stage on the embedded stack, one subscription per URL with no
 * filter, so the receiver gets what {@code faultline run notify} would send it. {@link #finish} waits for the last
 * alerts (the resolve) before the demo goes on to exit.
 */
public final class DemoAlerts implements AutoCloseable {

    public static final String SECRET_ENV = "FAULTLINE_WEBHOOK_SECRET";

    private final NotifyService service;
    private final DeliveryMetrics metrics;
    private final PrintStream out;

    private DemoAlerts(NotifyService service, DeliveryMetrics metrics, PrintStream out) {
        this.service = service;
        this.metrics = metrics;
        this.out = out;
    }

    /** One webhook subscription per URL, or empty without any; an invalid URL is a usage mistake named here. */
    public static Optional<SubscriptionsFile.Contents> subscriptions(List<URI> webhooks, Duration throttle, PrintStream out) {
        if (webhooks.isEmpty()) {
            return Optional.empty();
        }
        String secret = System.getenv(SECRET_ENV);
        if (secret == null || secret.isBlank()) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            secret = HexFormat.of().formatHex(random);
            out.println("webhook signing secret for this run (set " + SECRET_ENV + " to choose it): " + secret);
        }
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            URI u = webhooks.get(i);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("--webhook " + u + ": must be an http(s) URL with a host");
            }
            subs.add(new Subscription("demo-webhook-" + (i + 1), ChannelKind.WEBHOOK, u, secret,
                    SubscriptionFilter.everything(), throttle));
        }
        return Optional.of(new SubscriptionsFile.Contents("http://127.0.0.1:8080", subs));
    }

    /** Starts delivering, or a no-op without subscriptions. */
    public static DemoAlerts start(Optional<SubscriptionsFile.Contents> subscriptions, EmbeddedStack stack,
                                   SchemaRegistry registry, PrintStream out) {
        if (subscriptions.isEmpty()) {
            return new DemoAlerts(null, null, out);
        }
        DeliveryMetrics metrics = new DeliveryMetrics();
        NotifyService service = NotifyService.start(stack.bootstrapServers(), stack.topics(), registry,
                subscriptions.get(), metrics);
        for (Subscription s : subscriptions.get().subscriptions()) {
            out.printf("  alerts                 %s -> %s (signed, %s)%n", s.id(), s.url(), "Idempotency-Key <incident>:<revision>");
        }
        return new DemoAlerts(service, metrics, out);
    }

    /** Waits for the alerts of every revision read so far to be acknowledged or dead-lettered, and says how it went. */
    public void finish(Duration timeout) throws InterruptedException {
        if (service == null) {
            return;
        }
        boolean done = service.awaitDelivered(timeout);
        out.printf("alerts: %s delivered (open %s, update %s, resolve %s), %s failed attempts, %s dead letters%s%n",
                count("faultline.notify.deliveries", null), count("faultline.notify.deliveries", "open"),
                count("faultline.notify.deliveries", "update"), count("faultline.notify.deliveries", "resolve"),
                count("faultline.notify.delivery.failures", null), count("faultline.notify.dead.letters", null),
                done ? "" : " (still delivering after " + timeout.toSeconds() + " s)");
    }

    private long count(String name, String kind) {
        var search = metrics.registry().find(name);
        if (kind != null) {
            search = search.tag("kind", kind);
        }
        return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
    }

    @Override
    public void close() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }
}
