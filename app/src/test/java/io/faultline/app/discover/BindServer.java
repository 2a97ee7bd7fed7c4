package io.faultline.app.discover;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import io.faultline.app.run.StreamsRunIT;

/**
 * A real BIND 9 ({@code named}, Debian package bind9) on a free loopback port, with a config and
 * zone files the test writes: primary zones from text, and forward zones (to a dead or silent
 * server) for the failure cases. Recursion is on for loopback clients only, so names in the
 * primary zones are answered from them and a forward zone's failure reaches the client as the
 * server's own SERVFAIL or silence. Runs in the foreground; {@link #close} stops it.
 */
final class BindServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private BindServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The named binary, if the bind9 package is installed. */
    static Optional<Path> binary() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/named"), Path.of("/usr/local/sbin/named")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(d -> !d.isBlank())
                        .map(d -> Path.of(d, "named")));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    /**
     * @param zones    zone name -> zone file text (primary zones)
     * @param forwards zone name -> "ADDRESS port PORT" of the only server the zone is forwarded to
     */
    static BindServer start(Path binary, Path dir, Map<String, String> zones, Map<String, String> forwards) throws Exception {
        int port = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(dir).append("\";\n")
                .append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  recursion yes;\n  allow-recursion { 127.0.0.1; };\n  allow-query { 127.0.0.1; };\n")
                .append("  dnssec-validation no;\n  notify no;\n  querylog no;\n")
                .append("};\n")
                .append("controls { };\n"); // no rndc channel on 953: parallel test runs must not collide
        for (Map.Entry<String, String> z : zones.entrySet()) {
            Path file = dir.resolve(z.getKey() + ".zone");
            Files.writeString(file, z.getValue());
            conf.append("zone \"").append(z.getKey()).append("\" { type primary; file \"").append(file).append("\"; };\n");
        }
        for (Map.Entry<String, String> f : forwards.entrySet()) {
            conf.append("zone \"").append(f.getKey()).append("\" { type forward; forward only; forwarders { ")
                    .append(f.getValue()).append("; }; };\n");
        }
        Path confFile = dir.resolve("named.conf");
        Files.writeString(confFile, conf);
        Path log = dir.resolve("named.log");
        Process p = new ProcessBuilder(binary.toString(), "-g", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BindServer server = new BindServer(p, port, log);
        String probe = zones.keySet().iterator().next();
        try {
            StreamsRunIT.await("named to answer on 127.0.0.1:" + port, Duration.ofSeconds(30),
                    () -> p.isAlive() && server.answers(probe), server::logTail);
        } catch (AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** One SOA query with a short timeout: the wait's poll step. */
    private boolean answers(String zone) {
        try {
            SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
            r.setPort(port);
            r.setTimeout(Duration.ofMillis(300));
            Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
            return m.getRcode() == Rcode.NOERROR;
        } catch (IOException e) {
            return false;
        }
    }

    String logTail() {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static int freePort() throws IOException {
        // a port free for both UDP and TCP: named listens on both
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // UDP side in use: try another
                }
            }
        }
        throw new IOException("no free loopback port for both TCP and UDP");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
