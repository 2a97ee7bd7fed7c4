package io.faultline.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faultline demo --exit}: the AWS 2021-12-07 replay through the real embedded broker,
 * registry, Kafka Streams app and Flink correlation job, with history in the embedded ClickHouse
 * engine. The command exits 0 only when the committed incidents name aws/us-east-1 and contain
 * the affected services, and (with history) when the history endpoints serve the latest revision. With
 * {@code --webhook} a local receiver gets signed alerts: one open, updates, one resolve, nothing per service.
 */
class DemoIT {

    /** One webhook request as received. */
    record Received(String key, String signature, byte[] body) {
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void the_aws_2021_replay_is_attributed_to_us_east_1_ahead_of_the_provider() throws Exception {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        List<Received> alerts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            alerts.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("X-Faultline-Signature"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new DemoCommand()).execute("--exit", "--api-port", "0", "--work-dir",
                    home.resolve("app/target/demo-it").toString(), "--quiet-period", "PT30S", "--timeout", "PT5M",
                    "--webhook", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        } finally {
            System.setOut(original);
            receiver.stop(0);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(out).contains("cause aws/us-east-1").contains("named aws/us-east-1 (correct)")
                .contains("before the provider's first acknowledgement");
        assertThat(code).isZero();

        // --webhook: one signed alert per incident revision that matters, never one per service, ending in the resolve
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("webhook signing secret for this run \\(.*\\): ([0-9a-f]+)")
                .matcher(out);
        String env = System.getenv(io.faultline.app.demo.DemoAlerts.SECRET_ENV);
        boolean printed = secret.find();
        String key = env != null && !env.isBlank() ? env : printed ? secret.group(1) : null;
        assertThat(key).as("the demo prints the random signing secret").isNotNull();
        ObjectMapper json = new ObjectMapper();
        List<String> events = new ArrayList<>();
        for (Received r : alerts) {
            assertThat(r.signature()).isEqualTo("sha256=" + hmac(key, r.body()));
            JsonNode body = json.readTree(r.body());
            assertThat(body.at("/incident/cause/id").asText()).isEqualTo("aws/us-east-1");
            assertThat(r.key()).isEqualTo(body.at("/incident/id").asText() + ":" + body.at("/incident/revision").asLong());
            events.add(body.get("event").asText());
        }
        assertThat(alerts).extracting(Received::key).doesNotHaveDuplicates();
        assertThat(events).first().isEqualTo("open");
        assertThat(events).last().isEqualTo("resolve");
        assertThat(events).filteredOn("update"::equals).hasSizeBetween(1, 12);
        assertThat(out).contains("alerts: " + alerts.size() + " delivered (open 1, update " + (alerts.size() - 2) + ", resolve 1)");
        if (out.contains("clickhouse (history)   off:") && System.getenv("FAULTLINE_CLICKHOUSE_REQUIRED") == null) {
            System.out.println("DemoIT: history checks SKIPPED: the ClickHouse engine could not be had here (see the demo's output)");
            return;
        }
        // the history endpoints, answered from the embedded ClickHouse the Flink sinks wrote to
        assertThat(out).contains("history (ClickHouse engine, through the timeline API's history endpoints)")
                .containsPattern("rev \\d+ [A-Z]+, cause aws/us-east-1 \\(")
                .containsPattern("\\n    [1-9]\\d* members \\(.*\\), [1-9]\\d* timeline entries from ")
                .containsPattern("peak [1-9]\\d* services impaired at 2021-12-07T");
    }
}
