package io.faultline.notify.delivery;

import io.faultline.notify.Alert;
import io.faultline.notify.Subscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;

/**
 * The notify stage's meters (Prometheus names after the registry's conversion):
 * {@code faultline_notify_alerts_total{channel,kind}} decided, {@code faultline_notify_deliveries_total{channel,kind}}
 * acknowledged, {@code faultline_notify_delivery_failures_total{channel,reason}} failed attempts (reason: http status
 * class or io), {@code faultline_notify_dead_letters_total{channel}}, and
 * {@code faultline_notify_delivery_seconds{channel}} from first attempt to acknowledgement.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public DeliveryMetrics() {
        this(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void decided(Subscription s, Alert a) {
        counter("faultline.notify.alerts", s, "kind", a.kind().wireName()).increment();
    }

    public void delivered(Subscription s, Alert a, Duration took) {
        counter("faultline.notify.deliveries", s, "kind", a.kind().wireName()).increment();
        Timer.builder("faultline.notify.delivery").description("first attempt to acknowledgement")
                .tag("channel", s.channel().fileName()).register(registry).record(took);
    }

    public void failed(Subscription s, String reason) {
        counter("faultline.notify.delivery.failures", s, "reason", reason).increment();
    }

    public void deadLettered(Subscription s) {
        Counter.builder("faultline.notify.dead.letters").tag("channel", s.channel().fileName()).register(registry).increment();
    }

    private Counter counter(String name, Subscription s, String tag, String value) {
        return Counter.builder(name).tag("channel", s.channel().fileName()).tag(tag, value).register(registry);
    }
}
