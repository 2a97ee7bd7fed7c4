package io.faultline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mistakes a new user makes, and what they get: one line naming the problem, the documented exit
 * code (docs/errors.md), no Java class name or stack trace unless --verbose.
 */
class CommandLineMistakesTest {

    @TempDir
    static Path tmp;

    /** A whole replay archive in {@code dir}: 3,000 connection events, one a second. */
    private static void writeArchive(Path dir) throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2021-12-07T15:00:00Z");
        try (io.faultline.ingestion.replay.ArchiveWriter w = io.faultline.ingestion.replay.ArchiveWriter.create(dir, "test",
                t0, java.util.List.of())) {
            for (int i = 0; i < 3_000; i++) {
                w.write(io.faultline.ingestion.replay.RawEvent.of(io.faultline.avro.ProbeConnectionEvent.newBuilder()
                        .setEventId("test:" + i).setSource(io.faultline.avro.ProbeSource.RIPE_ATLAS).setProbeId(i)
                        .setEvent(io.faultline.avro.ConnectionEventType.DISCONNECT).setEventTime(t0.plusSeconds(i))
                        .setObservedAt(t0.plusSeconds(i)).build()));
            }
        }
    }

    /** A real replay archive of 3,000 connection events whose events file was then cut to half its bytes. */
    static Path truncatedArchive() throws Exception {
        Path dir = tmp.resolve("truncated-archive");
        writeArchive(dir);
        Path events = dir.resolve("events.ndjson.gz");
        byte[] whole = Files.readAllBytes(events);
        Files.write(events, java.util.Arrays.copyOf(whole, whole.length / 2));
        return dir;
    }

    /** A copy of the truncated archive whose events file has 200 bytes flipped in the middle instead. */
    static Path corruptArchive() throws Exception {
        Path dir = truncatedArchive().resolveSibling("corrupt-archive");
        Files.createDirectories(dir);
        Path source = tmp.resolve("whole-archive");
        writeArchive(source);
        Files.copy(source.resolve("manifest.json"), dir.resolve("manifest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] events = Files.readAllBytes(source.resolve("events.ndjson.gz"));
        for (int i = events.length / 2; i < events.length / 2 + 200; i++) {
            events[i] ^= 0x55;
        }
        Files.write(dir.resolve("events.ndjson.gz"), events);
        return dir;
    }

    /** A copy of the catalog with one more services file: {@code content} as {@code name}. */
    static Path catalogWith(String name, byte[] content) throws Exception {
        Path dir = tmp.resolve("catalog-with-" + name);
        try (Stream<Path> files = Files.walk(Path.of("../catalog"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(Path.of("../catalog").relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.write(dir.resolve("services").resolve(name), content);
        return dir;
    }

    /** The repository's migrations and one more, {@code content} as {@code name}. */
    static Path migrationsWith(String name, String content) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("migrations-with-" + name));
        try (Stream<Path> files = Files.list(Path.of("../infra/clickhouse/migrations"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve(name), content);
        return dir;
    }

    /** A gzip file of RIPE Atlas results cut to half its bytes. */
    static Path truncatedAtlasResults() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            lines.append("{\"af\":4,\"avg\":11.0,\"dst_addr\":\"93.184.216.34\",\"dst_name\":\"example.com\",\"msm_id\":5001,")
                    .append("\"prb_id\":").append(i).append(",\"rcvd\":3,\"sent\":3,\"timestamp\":").append(1638892100 + i)
                    .append(",\"type\":\"ping\"}\n");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path f = tmp.resolve("atlas-truncated.ndjson.gz");
        Files.write(f, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        return f;
    }

    /** A loopback port nobody listens on (bound, then released). */
    static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A folder of two replays: a real one, and a copy whose timeline.yaml was cut mid-list. */
    static Path oneUnreadableReplay() throws Exception {
        // a replay is generated against the catalog beside its replays/ folder
        Path dir = tmp.resolve("evaluate-folder/replays");
        Files.createDirectories(dir);
        if (!Files.exists(tmp.resolve("evaluate-folder/catalog"))) {
            Files.createSymbolicLink(tmp.resolve("evaluate-folder/catalog"), Path.of("../catalog").toAbsolutePath().normalize());
        }
        for (String name : new String[] {"fastly-2021-06-08", "broken"}) {
            Path to = Files.createDirectories(dir.resolve(name));
            for (String f : new String[] {"expected.json", "timeline.yaml"}) {
                Files.copy(Path.of("../replays/fastly-2021-06-08").resolve(f), to.resolve(f),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve("broken/timeline.yaml"), "this: [is not: valid\n",
                java.nio.file.StandardOpenOption.APPEND);
        return dir;
    }

    /** A subscriptions file (see docs/notify.md) with {@code body} as its one subscription. */
    static Path subscriptions(String name, String body) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "version: 1\nsubscriptions:\n" + body);
        return f;
    }

    /** A loopback port something listens on for the whole class (a metrics port in use). */
    static java.net.ServerSocket busy;

    @org.junit.jupiter.api.AfterAll
    static void releaseBusyPort() throws Exception {
        if (busy != null) {
            busy.close();
        }
    }

    static Stream<Arguments> mistakes() throws Exception {
        busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Path badState = subscriptions("bad-state.yaml", "  - id: am\n    channel: alertmanager\n    url: http://127.0.0.1:9093\n"
                + "    filters:\n      minState: LIKELY\n");
        Path unknownStack = subscriptions("unknown-stack.yaml", "  - id: am\n    channel: alertmanager\n    url: http://127.0.0.1:9093\n"
                + "    filters:\n      stack: [venmo, no-such-service.invalid]\n");
        Path valid = subscriptions("valid.yaml", "  - id: am\n    channel: alertmanager\n    url: http://127.0.0.1:9093\n"
                + "    filters:\n      stack: [venmo]\n");
        Path truncated = tmp.resolve("truncated.json.gz");
        Files.write(truncated, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
        return Stream.of(
                Arguments.of(new String[] {}, ErrorReport.USAGE, "a command is required"),
                Arguments.of(new String[] {"catalog", "detect-status-page", "http://127.0.0.1:" + closedPort()},
                        ErrorReport.UNREACHABLE, "refused: a private or loopback address; --allow-private-addresses"),
                Arguments.of(new String[] {"catalog", "detect-status-page", "http://127.0.0.1:" + closedPort(),
                        "--allow-private-addresses"}, ErrorReport.UNREACHABLE, "no supported status-page format answered"),
                Arguments.of(new String[] {"catalog", "detect-status-page", "ftp://example.com"}, ErrorReport.BAD_INPUT,
                        "is not an absolute http(s) URL"),
                Arguments.of(new String[] {"replay", "x", "--from", "2021-13-40"}, ErrorReport.USAGE,
                        "'2021-13-40' is not a UTC time in ISO-8601 form"),
                Arguments.of(new String[] {"replay", "x", "--no-such-option"}, ErrorReport.USAGE, "Unknown option"),
                Arguments.of(new String[] {"replay", tmp.resolve("missing").toString(), "--batch"}, ErrorReport.BAD_INPUT,
                        "no such file or directory"),
                Arguments.of(new String[] {"evaluate", tmp.toString()}, ErrorReport.BAD_INPUT,
                        "no replay folders with an expected.json"),
                Arguments.of(new String[] {"evaluate", "--catalog", "../catalog", "--asn-data", tmp.resolve("nothing").toString(),
                        "../replays/network"}, ErrorReport.BAD_INPUT, "--asn-data"),
                Arguments.of(new String[] {"ingest", "probes", "--interval", "soon"}, ErrorReport.USAGE,
                        "'soon' is not a duration"),
                Arguments.of(new String[] {"record", "--out", tmp.resolve("rec").toString(), "--from", "2021-12-07T16:00:00Z",
                        "--to", "2021-12-07T15:00:00Z", "--bootstrap-servers", "127.0.0.1:1", "--registry-url",
                        "http://127.0.0.1:1"}, ErrorReport.BAD_INPUT, "the window would be empty"),
                Arguments.of(new String[] {"record", "--out", tmp.resolve("rec2").toString(), "--from", "2021-12-07T15:00:00Z"}, ErrorReport.USAGE,
                        "Missing required option: '--bootstrap-servers=<bootstrapServers>'"),
                Arguments.of(new String[] {"run", "streams", "--bootstrap-servers", "127.0.0.1:1"}, ErrorReport.USAGE,
                        "Missing required option: '--registry-url=<registryUrl>'"),
                Arguments.of(new String[] {"catalog", "load", "--catalog-dir", "../catalog", "--bootstrap-servers",
                        "127.0.0.1:" + closedPort(), "--registry-url", "http://127.0.0.1:1"}, ErrorReport.UNREACHABLE,
                        "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"evaluate", "--catalog", "../catalog", "--engine", "CORE", "--catalog-view", "ALL_EDGES",
                        oneUnreadableReplay().toString()}, ErrorReport.PARTIAL, "timeline.yaml:424:1: not valid YAML"),
                Arguments.of(new String[] {"catalog", "validate", "--catalog-dir", tmp.resolve("no-catalog").toString()},
                        ErrorReport.BAD_INPUT, "providers.yaml: missing"),
                Arguments.of(new String[] {"help", "catalog", "nope"}, ErrorReport.USAGE, "nope"),
                // the benchmarks are in the benchmarks module's jar (the faultline script runs them from there)
                Arguments.of(new String[] {"bench", "e2e"}, ErrorReport.USAGE, "faultline bench: the benchmarks are not in this jar"),
                Arguments.of(new String[] {"ingest", "probes", "--once", "--catalog", "../catalog", "--bootstrap-servers", "127.0.0.1:" + closedPort(),
                        "--registry-url", "http://127.0.0.1:" + closedPort()}, ErrorReport.UNREACHABLE, "127.0.0.1:"),
                Arguments.of(new String[] {"replay", truncatedArchive().toString(), "--batch", "--catalog-dir", "../catalog"}, ErrorReport.BAD_INPUT,
                        "truncated or corrupt after line"),
                Arguments.of(new String[] {"run", "notify", "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1"},
                        ErrorReport.USAGE, "--subscriptions"),
                Arguments.of(new String[] {"run", "notify", "--subscriptions", tmp.resolve("none.yaml").toString(), "--catalog-dir",
                        "../catalog", "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1"},
                        ErrorReport.BAD_INPUT, "none.yaml: no such subscriptions file"),
                Arguments.of(new String[] {"run", "notify", "--subscriptions", badState.toString(), "--catalog-dir", "../catalog",
                        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1"}, ErrorReport.BAD_INPUT,
                        badState + ": subscriptions[0].filters.minState: 'LIKELY': SUSPECTED or CONFIRMED"),
                Arguments.of(new String[] {"run", "notify", "--subscriptions", unknownStack.toString(), "--catalog-dir", "../catalog",
                        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1"}, ErrorReport.BAD_INPUT,
                        "subscriptions[0].filters.stack[1]: 'no-such-service.invalid' is neither a catalog id nor a domain"),
                Arguments.of(new String[] {"run", "notify", "--subscriptions", valid.toString(), "--catalog-dir", "../catalog",
                        "--bootstrap-servers", "127.0.0.1:" + closedPort(), "--registry-url", "http://127.0.0.1:1"},
                        ErrorReport.UNREACHABLE, "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"demo", "--webhook", "ftp://127.0.0.1/"}, ErrorReport.BAD_INPUT,
                        "--webhook ftp://127.0.0.1/: must be an http(s) URL"),
                // the cases, one row each (issue 18)
                Arguments.of(new String[] {"record", "--out", tmp.resolve("rec3").toString(), "--from", "2021-13-40"}, ErrorReport.USAGE,
                        "'2021-13-40' is not a UTC time in ISO-8601 form"),
                Arguments.of(new String[] {"discover", "cofailures", "--from", "2021-13-40"}, ErrorReport.USAGE,
                        "'2021-13-40' is not a UTC time in ISO-8601 form"),
                Arguments.of(new String[] {"catalog", "load", "--catalog-dir", "../catalog", "--bootstrap-servers", "localhost",
                        "--registry-url", "http://127.0.0.1:1"}, ErrorReport.USAGE, "'localhost' is not host:port"),
                Arguments.of(new String[] {"record", "--out", tmp.resolve("rec4").toString(), "--from", "2021-12-07T15:00:00Z",
                        "--bootstrap-servers", "no-such-host.invalid:9092", "--registry-url", "http://127.0.0.1:1"},
                        ErrorReport.UNREACHABLE, "no-such-host.invalid:9092: unknown host"),
                Arguments.of(new String[] {"record", "--out", tmp.resolve("rec5").toString(), "--from", "2021-12-07T15:00:00Z",
                        "--bootstrap-servers", "127.0.0.1:" + closedPort(), "--registry-url", "http://127.0.0.1:1"},
                        ErrorReport.UNREACHABLE, "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"run", "streams", "--bootstrap-servers", "127.0.0.1:" + closedPort(), "--registry-url",
                        "http://127.0.0.1:1", "--state-dir", tmp.resolve("streams-state").toString(), "--no-metrics"},
                        ErrorReport.UNREACHABLE, "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"run", "correlation", "--bootstrap-servers", "127.0.0.1:" + closedPort(), "--registry-url",
                        "http://127.0.0.1:1", "--no-metrics"}, ErrorReport.UNREACHABLE, "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"run", "correlation", "--batch", "--from", "2021-12-07T15:00:00Z", "--to",
                        "2021-12-07T16:00:00Z", "--bootstrap-servers", "127.0.0.1:" + closedPort(), "--registry-url",
                        "http://127.0.0.1:1", "--no-metrics"}, ErrorReport.UNREACHABLE, "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"ingest", "social", "--platform", "bluesky", "--bootstrap-servers", "127.0.0.1:" + closedPort(),
                        "--registry-url", "http://127.0.0.1:1", "--no-metrics"}, ErrorReport.UNREACHABLE,
                        "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"ingest", "statuspages", "--once", "--catalog", "../catalog", "--bootstrap-servers",
                        "127.0.0.1:" + closedPort(), "--registry-url", "http://127.0.0.1:1", "--no-metrics"}, ErrorReport.UNREACHABLE,
                        "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"replay", "../replays/fastly-2021-06-08", "--bootstrap-servers", "127.0.0.1:" + closedPort(),
                        "--registry-url", "http://127.0.0.1:1"}, ErrorReport.UNREACHABLE, "no Kafka broker answered at 127.0.0.1:"),
                Arguments.of(new String[] {"replay", corruptArchive().toString(), "--batch", "--catalog-dir", "../catalog"},
                        ErrorReport.BAD_INPUT, "truncated or corrupt after line"),
                Arguments.of(new String[] {"replay", truncatedArchive().toString(), "--write-archive", tmp.resolve("rewritten").toString()},
                        ErrorReport.BAD_INPUT, "truncated or corrupt after line"),
                Arguments.of(new String[] {"replay", truncatedAtlasResults().toString(), "--batch", "--catalog-dir", "../catalog"},
                        ErrorReport.BAD_INPUT, "atlas-truncated.ndjson.gz: truncated (the file ends early)"),
                Arguments.of(new String[] {"ingest", "probes", "--atlas-file", truncatedAtlasResults().toString(), "--print"},
                        ErrorReport.PARTIAL, "could not be read to the end"),
                Arguments.of(new String[] {"ingest", "probes", "--atlas-file", tmp.resolve("no-atlas.json").toString(), "--print"},
                        ErrorReport.BAD_INPUT, "no-atlas.json: no such file or directory"),
                Arguments.of(new String[] {"discover", "edges", "--catalog", "../catalog", "--domain", "example.com", "--resolver",
                        "127.0.0.1:" + closedPort(), "--timeout", "3s"}, ErrorReport.FAILURE, "cannot ask 127.0.0.1:"),
                Arguments.of(new String[] {"networks", "install", "--npm-registry", "http://127.0.0.1:" + closedPort(),
                        "--allow-private-addresses", "--data-dir", tmp.resolve("asn").toString()}, ErrorReport.UNREACHABLE,
                        "no npm registry answered at http://127.0.0.1:"),
                Arguments.of(new String[] {"replay", binaryFile().toString(), "--batch"}, ErrorReport.BAD_INPUT,
                        "not a recognised replay source (it starts with binary data)"),
                Arguments.of(new String[] {"catalog", "validate", "--catalog-dir",
                        catalogWith("zz-binary.yaml", randomBytes()).toString()},
                        ErrorReport.BAD_INPUT, "zz-binary.yaml: not a UTF-8 text file"),
                Arguments.of(new String[] {"catalog", "validate", "--catalog-dir",
                        catalogWith("zz-bad.yaml", "services:\n  - id: foo\n    name: [unclosed\n".getBytes(StandardCharsets.UTF_8)).toString()},
                        ErrorReport.BAD_INPUT, "zz-bad.yaml:3:20: not valid YAML"),
                Arguments.of(new String[] {"migrate", "--dry-run", "--migrations-dir", migrationsWith("009_empty.sql", "").toString()},
                        ErrorReport.BAD_INPUT, "009_empty.sql has no SQL statement"),
                Arguments.of(new String[] {"migrate", "--dry-run", "--url", "http://127.0.0.1:1/faultline", "--migrations-dir",
                        migrationsWith("009_comments.sql", "-- nothing yet\n").toString()}, ErrorReport.BAD_INPUT,
                        "009_comments.sql has no SQL statement"),
                Arguments.of(new String[] {"migrate", "--url", "http://127.0.0.1:" + closedPort() + "/faultline"},
                        ErrorReport.UNREACHABLE, "no ClickHouse server answered at http://127.0.0.1:"),
                Arguments.of(new String[] {"api", "--no-metrics", "--port", Integer.toString(busy.getLocalPort())}, ErrorReport.FAILURE,
                        "--port " + busy.getLocalPort() + ": cannot listen on that port: it is already in use"),
                Arguments.of(new String[] {"demo", "--replay", "../replays/network/atlas-2011-01-15"}, ErrorReport.BAD_INPUT,
                        "a network replay"),
                Arguments.of(new String[] {"demo", "--replay", tmp.resolve("no-replay").toString()}, ErrorReport.BAD_INPUT,
                        "no-replay: no such file or directory"),
                Arguments.of(new String[] {"api", "--port", "0", "--metrics-port", "70000"}, ErrorReport.BAD_INPUT,
                        "--metrics-port 70000: accepted values are 0 (any free port) to 65535"),
                Arguments.of(new String[] {"api", "--port", "0", "--metrics-port", Integer.toString(busy.getLocalPort())},
                        ErrorReport.FAILURE, "--metrics-port " + busy.getLocalPort()
                        + " on 127.0.0.1: cannot listen on that port: it is already in use"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void eachMistakeGetsOneClearLineAndItsExitCode(String[] args, int exitCode, String says) {
        // what the user sees: standard output and error together
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        int code;
        try {
            PrintStream both = new PrintStream(seen, true, StandardCharsets.UTF_8);
            System.setErr(both);
            System.setOut(both);
            code = Faultline.execute(args);
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        String text = seen.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isEqualTo(exitCode);
        assertThat(text).contains(says).doesNotContainPattern("\\bat [a-z]+\\.[a-z]+\\.")
                .doesNotContainPattern("[\\x00-\\x08\\x0e-\\x1f\\ufffd]")
                .doesNotContainPattern("(?m)^faultline[a-z -]*: null|: null( \\(|$)")
                .doesNotContainPattern("(java|org|io)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)");
    }

    /** 2,000 bytes that are no text (the same ones on every run). */
    static byte[] randomBytes() {
        byte[] b = new byte[2_000];
        new java.util.Random(18).nextBytes(b);
        return b;
    }

    /** A file of bytes that are no text (the start of an ELF binary). */
    static Path binaryFile() throws Exception {
        Path f = tmp.resolve("program");
        Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0, (byte) 0xef, (byte) 0xbf});
        return f;
    }

    @org.junit.jupiter.api.Test
    void aReplayFolderThatCannotBeReadIsCountedNotDropped() throws Exception {
        Path replays = tmp.resolve("evaluate-unreadable/replays");
        Path locked = Files.createDirectories(replays.resolve("locked"));
        for (String f : new String[] {"expected.json", "timeline.yaml"}) {
            Files.copy(Path.of("../replays/fastly-2021-06-08").resolve(f), locked.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(replays.resolve("fastly-2021-06-08"));
        for (String f : new String[] {"expected.json", "timeline.yaml"}) {
            Files.copy(Path.of("../replays/fastly-2021-06-08").resolve(f), replays.resolve("fastly-2021-06-08").resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
                    "running as root: a folder without permissions is still readable");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            int code;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Faultline.execute("evaluate", "--catalog", "../catalog", "--engine", "CORE", "--catalog-view", "ALL_EDGES",
                        replays.toString());
            } finally {
                System.setErr(original);
            }
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ErrorReport.PARTIAL);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 of 2 replays skipped")
                    .contains("locked/expected.json: cannot be read: permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @ParameterizedTest
    @MethodSource("helpOfEveryLevel")
    void helpIsAnsweredAtEveryLevel(String[] args) {
        assertThat(Faultline.execute(args)).isZero();
    }

    static Stream<Arguments> helpOfEveryLevel() {
        return Stream.of(Arguments.of((Object) new String[] {"networks", "install", "--help"}),
                Arguments.of((Object) new String[] {"help", "catalog"}),
                Arguments.of((Object) new String[] {"help", "catalog", "validate"}),
                Arguments.of((Object) new String[] {"replay", "--help"}));
    }
}
