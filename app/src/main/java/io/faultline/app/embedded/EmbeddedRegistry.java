package io.faultline.app.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry (built by this project's {@code registry-runner} module) running as a child
 * process on a free loopback port, in-memory storage. Faultline talks to it only through its
 * Confluent-compatible API at {@link #confluentApiUrl()}, exactly as it would to Confluent
 * Schema Registry, Redpanda or Karapace.
 */
public final class EmbeddedRegistry implements AutoCloseable {

    /** Where {@code mvn package} puts the runnable registry, relative to the project root. */
    public static final String APP_JAR = "registry-runner/target/registry-runner.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final Process process;
    private final int port;

    private EmbeddedRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Finds the registry app under {@code projectHome}, or explains how to build it. */
    public static Path locateApp(Path projectHome) {
        Path jar = projectHome.resolve(APP_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("embedded schema registry not built: " + jar
                    + " is missing. Build it with: mvn -B -q -f " + projectHome.resolve("registry-runner/pom.xml") + " package");
        }
        return jar;
    }

    public static EmbeddedRegistry start(Path appJar, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int port = FreePorts.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dregistry.ccompat.legacy-id-mode.enabled=false",
                "-jar", appJar.toAbsolutePath().toString()));
        Path log = workDir.resolve("registry.log");
        Process process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        EmbeddedRegistry registry = new EmbeddedRegistry(process, port);
        try {
            registry.awaitReady(log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("schema registry exited with code " + process.exitValue()
                        + " during start-up; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("schema registry not ready after " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Base URL of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String confluentApiUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
