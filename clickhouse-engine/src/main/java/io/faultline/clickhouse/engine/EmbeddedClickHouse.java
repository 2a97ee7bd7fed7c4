package io.faultline.clickhouse.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The ClickHouse engine run as clickhouse-local with its HTTP listener on, in a child process
 * (a small python3 ctypes launcher: the library never enters this JVM, whose signal handlers and
 * allocator ClickHouse would otherwise replace), on a free loopback port, its data under the
 * given work directory. It serves ClickHouse's own HTTP interface, so the JDBC driver and the
 * history queries talk to it as to a server. Limits (it is not a full server): the {@code default}
 * user only, no replication or Keeper (no Replicated* tables), no {@code system.query_log}; the
 * {@code default} database uses the Overlay engine, so the tables go in a database of their own.
 */
public final class EmbeddedClickHouse implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String LAUNCHER = "chdb_launcher.py";

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedClickHouse(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the engine from {@code library} with its data in {@code workDir/data} and waits until
     * it answers {@code /ping}. The failure message names what to check (python3, the library, the log).
     */
    public static EmbeddedClickHouse start(Path library, Path workDir, Duration timeout) throws IOException {
        if (!Files.isRegularFile(library)) {
            throw new IOException("the ClickHouse engine library " + library + " is not there");
        }
        Path dir = workDir.toAbsolutePath();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path launcher = dir.resolve(LAUNCHER);
        try (InputStream in = EmbeddedClickHouse.class.getResourceAsStream(LAUNCHER)) {
            Files.write(launcher, in.readAllBytes());
        }
        Path log = dir.resolve("clickhouse.log");
        int port = freeLoopbackPort();
        Process p;
        try {
            p = new ProcessBuilder("python3", launcher.toString(), library.toAbsolutePath().toString(), data + "/",
                    Integer.toString(port)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run python3, which starts the ClickHouse engine (" + e.getMessage()
                    + "); install python3 (e.g. apt-get install python3)", e);
        }
        EmbeddedClickHouse ch = new EmbeddedClickHouse(p, port, log);
        Instant deadline = Instant.now().plus(timeout);
        while (!ch.pings()) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                ch.close();
                throw new IOException("the ClickHouse engine did not start within " + timeout.toSeconds() + " s"
                        + (p.isAlive() ? "" : " (exit code " + p.exitValue() + ")") + "; its output is in " + log + lastLines(log));
            }
            try {
                p.waitFor(100, TimeUnit.MILLISECONDS); // returns early if the engine dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ch.close();
                throw new IOException("interrupted while starting the ClickHouse engine", e);
            }
        }
        return ch;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private boolean pings() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/ping"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().startsWith("Ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://127.0.0.1:<port>}, the engine's HTTP interface. */
    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The form {@code --clickhouse-url} takes: {@code http://127.0.0.1:<port>/<database>}. */
    public String url(String database) {
        return httpUrl() + "/" + identifier(database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:clickhouse:" + url(database);
    }

    /** Creates the database (Atomic, unlike the engine's Overlay {@code default}) if it is not there. */
    public void createDatabase(String database) throws IOException {
        execute("CREATE DATABASE IF NOT EXISTS " + identifier(database));
    }

    /** Runs one statement over HTTP and returns the answer's body; a non-200 answer is an IOException with ClickHouse's message. */
    public String execute(String sql) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(httpUrl() + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("ClickHouse engine at " + httpUrl() + " answered HTTP " + r.statusCode() + ": " + r.body().strip());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while querying the ClickHouse engine", e);
        }
    }

    /** What {@code SELECT version()} answers (the package 26.7.3-stable.1 answers 26.7.2.1). */
    public String version() throws IOException {
        return execute("SELECT version()").strip();
    }

    /** The engine process's resident memory in bytes (from /proc), or -1 when it cannot be read. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public Path log() {
        return log;
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: '" + name + "'");
        }
        return name;
    }

    /** Stops the engine and anything it started: politely, then forcibly after five seconds. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
