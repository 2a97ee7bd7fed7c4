package io.faultline.app.metrics;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One command's metrics: the registry its parts record into, the endpoint that serves it (absent
 * with {@code --no-metrics}), the readiness checks, and whatever feeds gauges in the background
 * (lag pollers, the Flink bridge), closed with it, last registered first.
 */
public final class CommandMetrics implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommandMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final Optional<MetricsEndpoint> endpoint;
    private final Readiness readiness;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    private CommandMetrics(PrometheusMeterRegistry registry, Optional<MetricsEndpoint> endpoint, Readiness readiness) {
        this.registry = registry;
        this.endpoint = endpoint;
        this.readiness = readiness;
    }

    static CommandMetrics open(MetricsOptions options, PrintWriter out) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Optional<MetricsEndpoint> endpoint = Optional.empty();
        Readiness readiness = new Readiness();
        if (!options.disabled()) {
            try {
                endpoint = Optional.of(MetricsEndpoint.start(options.host(), options.port(), registry, readiness,
                        MetricsOptions.PORT_OPTION));
            } catch (RuntimeException e) {
                gc.close();
                registry.close();
                readiness.close();
                throw e;
            }
            out.println("metrics " + endpoint.get().url() + "  (health: /healthz, /readyz)");
            out.flush();
        }
        CommandMetrics metrics = new CommandMetrics(registry, endpoint, readiness);
        metrics.owned.push(readiness);
        metrics.owned.push(gc);
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Optional<MetricsEndpoint> endpoint() {
        return endpoint;
    }

    /** Adds a readiness condition; closed with this when it is AutoCloseable. */
    public CommandMetrics require(ReadinessCheck check) {
        readiness.require(check);
        if (check instanceof AutoCloseable c) {
            owned.push(c);
        }
        return this;
    }

    /**
     * The failing readiness checks by name (empty = ready), for an API that reports them on its own
     * {@code /readyz} (with {@code --no-metrics} too).
     */
    public java.util.Map<String, String> problems() {
        return readiness.problems();
    }

    /** Everything is up: from now on the checks alone decide readiness. */
    public void started() {
        readiness.started();
    }

    /** Closes {@code resource} with this (before what was registered earlier). */
    public <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    @Override
    public void close() {
        endpoint.ifPresent(MetricsEndpoint::close);
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                // best effort: the process is ending; say what did not close and go on closing the rest
                LOG.warn("closing a metrics resource failed: {}", e.toString());
            }
        }
        registry.close();
    }
}
