package io.faultline.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faultline demo}: starts the embedded stack (KRaft broker, Apicurio registry, Flink mini
 * cluster) and proves the wiring with a real Avro round trip through broker, registry and a
 * Flink job, printed as it happens.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the embedded stack (Kafka broker, schema registry, Flink mini cluster) in this process "
                + "and run a round trip of Avro records through it.",
                "Data lives under --work-dir and is wiped at start; everything stops on exit or Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration ROUND_TRIP_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--work-dir", description = "Working directory for broker logs, registry log and Flink temp files "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = ".faultline/demo")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path home = Path.of(System.getProperty("faultline.home", "."));
        wipe(workDir);
        Instant t0 = Instant.now();
        out.println("faultline demo: starting the embedded stack under " + workDir.toAbsolutePath());
        try (EmbeddedStack stack = EmbeddedStack.start(home, workDir)) {
            out.printf("  kafka broker (KRaft)   %s%n", stack.bootstrapServers());
            out.printf("  schema registry        %s  (Apicurio, Confluent API)%n", stack.registryUrl());
            out.printf("  flink mini cluster     %s%n", stack.flink().restAddress());
            out.printf("  started in %.1f s%n%n", secondsSince(t0));

            out.println("round trip: raw.probe --(registry, Avro)--> Flink job --(registry, Avro)--> wiring-check");
            out.println("  (records are synthetic wiring-check probes, not measurements; real sources arrive with `faultline ingest`)");
            List<ProbeResult> records = wiringRecords(Instant.now());
            List<byte[]> malformed = List.of(new byte[] {0x7f, 1, 2, 3, 4, 5}, new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2});
            WiringCheck.Result r = WiringCheck.run(stack, records, malformed, ROUND_TRIP_TIMEOUT, line -> out.println("  " + line));
            for (ProbeResult p : r.received()) {
                out.printf("  <- %-10s vantage=%-16s success=%-5s totalMs=%s%n", p.getTargetId(), p.getVantage(),
                        p.getSuccess(), p.getTotalMs());
            }
            for (DeadLetter d : r.deadLetters()) {
                out.printf("  dlq  %-20s %s%n", d.getErrorType(), d.getReason());
            }
            boolean ok = r.received().size() == records.size() && r.received().containsAll(records)
                    && r.deadLetters().size() == malformed.size();
            out.printf("%nround trip %s: %d/%d records back intact, %d/%d malformed payloads on the dead-letter topic, %.1f s%n",
                    ok ? "OK" : "FAILED", r.received().size(), records.size(), r.deadLetters().size(), malformed.size(),
                    r.elapsed().toMillis() / 1000.0);
            out.printf("faultline demo finished in %.1f s%n", secondsSince(t0));
            return ok ? 0 : 1;
        }
    }

    /** A few well-formed probe results against catalog-style targets, marked as test data by their vantage name. */
    static List<ProbeResult> wiringRecords(Instant now) {
        String[][] targets = {{"coinbase", "api.coinbase.com"}, {"slack", "slack.com"}, {"venmo", "venmo.com"},
                {"dydx", "dydx.exchange"}, {"binance", "api.binance.com"}};
        return Stream.of(targets).map(t -> ProbeResult.newBuilder()
                .setResultId("wiring-check:" + t[0] + ":" + now.toEpochMilli())
                .setSource(ProbeSource.OTHER)
                .setProbeType(ProbeType.HTTP)
                .setTargetId(t[0])
                .setTargetHost(t[1])
                .setVantage("wiring-check")
                .setSuccess(true)
                .setStatusCode(200)
                .setErrorKind(ProbeErrorKind.NONE)
                .setTotalMs(0.0)
                .setEventTime(now)
                .setObservedAt(now)
                .build()).toList();
    }

    private static double secondsSince(Instant t0) {
        return Duration.between(t0, Instant.now()).toMillis() / 1000.0;
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
