package io.faultline.app.metrics;

import java.io.PrintWriter;

import picocli.CommandLine.Option;

/**
 * {@code --metrics-port}, {@code --metrics-host} and {@code --no-metrics}, shared by every
 * long-running command ({@code @Mixin MetricsOptions metrics}). The default port is 0: any free
 * port, printed at start ({@code metrics http://127.0.0.1:PORT/metrics}), so that several commands
 * and test runs on one machine never collide; a Prometheus set-up gives each command a fixed port
 * (docs/metrics.md suggests 9400-9407).
 */
public final class MetricsOptions {

    public static final String PORT_OPTION = "--metrics-port";
    public static final String DEFAULT_HOST = "127.0.0.1";

    @Option(names = PORT_OPTION, paramLabel = "PORT", defaultValue = "0",
            description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE} = any free port, printed at start).")
    int port;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS", defaultValue = DEFAULT_HOST,
            description = "Address the metrics endpoint listens on (default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 for every interface, e.g. in a container).")
    String host;

    @Option(names = "--no-metrics", description = "Serve no metrics or health endpoints (meters are still kept in memory).")
    boolean disabled;

    public MetricsOptions() {
        this(0, DEFAULT_HOST, false);
    }

    /** Options as given programmatically (tests, the embedded stack). */
    public MetricsOptions(int port, String host, boolean disabled) {
        this.port = port;
        this.host = host;
        this.disabled = disabled;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public boolean disabled() {
        return disabled;
    }

    /** Validates the options, naming the bad one and the accepted values. */
    public void validate() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT_OPTION + " " + port + ": accepted values are 0 (any free port) to 65535");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--metrics-host: accepted values are an address or host name, e.g. 127.0.0.1 or 0.0.0.0");
        }
    }

    /**
     * The metrics of one command run: a registry, and unless {@code --no-metrics} the endpoint,
     * started now (a port in use fails here, before anything else starts) and announced on {@code out}
     * as {@code metrics http://HOST:PORT/metrics}.
     */
    public CommandMetrics open(PrintWriter out) {
        validate();
        return CommandMetrics.open(this, out);
    }
}
