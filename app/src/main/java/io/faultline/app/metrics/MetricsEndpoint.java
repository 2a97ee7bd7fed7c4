package io.faultline.app.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The HTTP side of a command's metrics, on its own port (JDK HTTP server, loopback unless told
 * otherwise):
 * <ul>
 *   <li>{@code /metrics}: the registry in Prometheus text format;</li>
 *   <li>{@code /healthz}: 200 while the process serves requests (liveness);</li>
 *   <li>{@code /readyz}: 200 when every {@link ReadinessCheck} holds, else 503 naming each failing
 *       check. Until {@link #started()} a built-in {@code startup} check fails, so a command is not
 *       ready before its parts are up. Checks run in parallel, bounded ({@link Readiness}).</li>
 * </ul>
 * Any command can start one ({@link MetricsOptions#open}); {@code run notify} is meant to as well.
 */
public final class MetricsEndpoint implements AutoCloseable {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Readiness readiness;
    private final String host;

    private MetricsEndpoint(HttpServer server, ExecutorService handlers, Readiness readiness, String host) {
        this.server = server;
        this.handlers = handlers;
        this.readiness = readiness;
        this.host = host;
    }

    /**
     * Listens on {@code host:port} (0 = any free port). A port in use or not allowed fails here,
     * naming {@code option} (e.g. "--metrics-port 9400 on 127.0.0.1: cannot listen ...").
     */
    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry, String option) {
        return start(host, port, registry, new Readiness(), option);
    }

    /** The same, answering {@code /readyz} from {@code readiness}. */
    public static MetricsEndpoint start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness, String option) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new UncheckedIOException(option + " " + port + " on " + host, e);
        } catch (IOException e) {
            throw new UncheckedIOException(option + " " + port + " on " + host + ": cannot listen", e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(2, daemon("faultline-metrics-http"));
        MetricsEndpoint endpoint = new MetricsEndpoint(server, handlers, readiness, host);
        server.createContext("/metrics", ex -> endpoint.answer(ex, 200, PROMETHEUS_TEXT, registry.scrape()));
        server.createContext("/healthz", ex -> endpoint.answer(ex, 200, "text/plain; charset=utf-8", "ok\n"));
        server.createContext("/readyz", endpoint::readyz);
        server.setExecutor(handlers);
        server.start();
        return endpoint;
    }

    /** Adds a condition of readiness (from now on). */
    public MetricsEndpoint require(ReadinessCheck check) {
        readiness.require(check);
        return this;
    }

    /** The command has started its parts: from now on only the checks decide. */
    public void started() {
        readiness.started();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The scrape URL, e.g. {@code http://127.0.0.1:9400/metrics}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/metrics";
    }

    private void readyz(HttpExchange ex) throws IOException {
        Map<String, String> problems = readiness.problems();
        StringBuilder body = new StringBuilder(problems.isEmpty() ? "ready\n" : "not ready\n");
        if (problems.containsKey(Readiness.STARTUP)) {
            body.append("FAIL startup: ").append(problems.get(Readiness.STARTUP)).append('\n');
        }
        for (ReadinessCheck c : readiness.checks()) {
            String p = problems.get(c.name());
            body.append(p == null ? "ok   " + c.name() + "\n" : "FAIL " + c.name() + ": " + p + "\n");
        }
        answer(ex, problems.isEmpty() ? 200 : 503, "text/plain; charset=utf-8", body.toString());
    }

    private void answer(HttpExchange ex, int status, String contentType, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!path.equals(ex.getHttpContext().getPath())) {
                // the JDK server matches by prefix: /metricsfoo is not /metrics
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
