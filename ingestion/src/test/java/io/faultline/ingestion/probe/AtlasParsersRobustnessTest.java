package io.faultline.ingestion.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.ingestion.ParseOutcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Malformed input never escapes as an exception, and never hides the valid records around it. */
class AtlasParsersRobustnessTest {

    static final Instant OBSERVED = Instant.parse("2024-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(OBSERVED, ZoneOffset.UTC);
    final AtlasResultParser results = new AtlasResultParser(CLOCK);
    final AtlasConnectionEventParser connections = new AtlasConnectionEventParser(CLOCK);

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes, @ForAll boolean gzip) {
        byte[] in = gzip ? gzip(bytes) : bytes;
        read(in, results);
        read(in, connections);
        String s = new String(bytes, StandardCharsets.UTF_8);
        results.parseLine(s, Map.of());
        connections.parseLine(s, Map.of());
    }

    @Property
    void wrongShapedJsonIsRejectedNotThrown(@ForAll("wrongShapes") String json) {
        assertThat(results.parseLine(json, Map.of()).records()).isEmpty();
        assertThat(connections.parseLine(json, Map.of()).records()).isEmpty();
        assertThat(read(json.getBytes(StandardCharsets.UTF_8), results).records()).isEmpty();
    }

    @Property
    void ndjsonResultsSurviveACorruptedLine(@ForAll @Size(max = 8) List<@IntRange(min = 1, max = 99_999) Integer> probes,
                                            @ForAll @IntRange(max = 1000) int where,
                                            @ForAll("corruptions") Corruption corruption,
                                            @ForAll boolean gzip) {
        List<String> lines = new ArrayList<>();
        probes.forEach(p -> lines.add(ping(p)));
        lines.add(where % (lines.size() + 1), corruption.apply(ping(424242)));
        byte[] file = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        ParseOutcome<ProbeResult> out = read(gzip ? gzip(file) : file, results);
        assertInOrder(out.records().stream().map(ProbeResult::getVantage).toList(),
                probes.stream().map(p -> "atlas:" + p).toList());
    }

    @Property
    void jsonArrayOfConnectionEventsSurvivesACorruptedElement(
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 99_999) Integer> probes,
            @ForAll @IntRange(max = 1000) int where,
            @ForAll("elementCorruptions") Corruption corruption,
            @ForAll boolean gzip) {
        List<String> elements = new ArrayList<>();
        probes.forEach(p -> elements.add(connection(p)));
        elements.add(where % (elements.size() + 1), corruption.apply(connection(424242)));
        byte[] file = ("[\n " + String.join(",\n ", elements) + "\n]").getBytes(StandardCharsets.UTF_8);
        ParseOutcome<ProbeConnectionEvent> out = read(gzip ? gzip(file) : file, connections);
        assertInOrder(out.records().stream().map(e -> "atlas:" + e.getProbeId()).toList(),
                probes.stream().map(p -> "atlas:" + p).toList());
    }

    @Property
    void truncatedArrayKeepsTheCompleteElements(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 99_999) Integer> probes,
                                                @ForAll @IntRange(min = 1, max = 200) int cut) {
        String whole = "[" + String.join(",", probes.stream().map(AtlasParsersRobustnessTest::connection).toList()) + "]";
        String truncated = whole.substring(0, Math.max(1, whole.length() - cut));
        ParseOutcome<ProbeConnectionEvent> out = read(truncated.getBytes(StandardCharsets.UTF_8), connections);
        int complete = 0;
        int end = 1; // after '['
        for (Integer p : probes) {
            end += connection(p).length();
            if (end <= truncated.length()) {
                complete++;
            }
            end++; // ','
        }
        assertThat(out.records().size()).isGreaterThanOrEqualTo(complete);
    }

    static void assertInOrder(List<String> actual, List<String> expected) {
        int i = 0;
        for (String a : actual) {
            if (i < expected.size() && a.equals(expected.get(i))) {
                i++;
            }
        }
        assertThat(i).as("valid records found in order among %s", actual).isEqualTo(expected.size());
        assertThat(actual.size()).isBetween(expected.size(), expected.size() + 1);
    }

    static <T> ParseOutcome<T> read(byte[] bytes, AtlasLineParser<T> parser) {
        List<ParseOutcome<T>> parts = new ArrayList<>();
        AtlasFiles.forEach(new ByteArrayInputStream(bytes), "generated", parser, parts::add);
        return parts.stream().reduce(ParseOutcome.of(List.of()), ParseOutcome::plus);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String ping(int probe) {
        return "{\"af\":4,\"avg\":12.5,\"dst_addr\":\"192.0.2.1\",\"dst_name\":\"example.com\",\"msm_id\":5001,\"prb_id\":"
                + probe + ",\"rcvd\":3,\"sent\":3,\"timestamp\":1638892020,\"type\":\"ping\"}";
    }

    static String connection(int probe) {
        return "{\"msm_id\":7000,\"prb_id\":" + probe + ",\"timestamp\":1423526406,\"event\":\"disconnect\","
                + "\"type\":\"connection\",\"controller\":\"ctr-ams01\",\"prefix\":\"73.0.0.0/8\",\"asn\":7922}";
    }

    @Provide
    Arbitrary<String> wrongShapes() {
        return Arbitraries.of("[]", "[1,2]", "42", "\"text\"", "null", "true", "{}", "{\"type\":7}",
                "{\"type\":\"ping\",\"prb_id\":{},\"timestamp\":1}", "{\"results\":[1,2]}", "[\"atlas_result\"]",
                "[\"atlas_result\",7]", "[\"atlas_error\",{\"message\":\"bad\"}]", "{\"prb_id\":[],\"event\":\"connect\"}",
                "{\"type\":\"dns\",\"prb_id\":1,\"timestamp\":1,\"result\":{\"abuf\":\"!!\"}}");
    }

    interface Corruption {
        String apply(String valid);
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        Arbitrary<Corruption> truncate = Arbitraries.integers().between(1, 1000)
                .map(n -> line -> line.substring(0, Math.max(1, n % line.length())));
        Arbitrary<Corruption> garbage = Arbitraries.strings().ofMaxLength(40).map(g -> line -> "{" + g);
        Arbitrary<Corruption> flip = Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.chars().ascii())
                .as((at, c) -> line -> {
                    int i = at % line.length();
                    return line.substring(0, i) + c + line.substring(i + 1);
                });
        return Arbitraries.oneOf(truncate, garbage, flip);
    }

    /**
     * Corruptions of one array element that keep the array's brackets and quotes balanced (an
     * unbalanced quote legitimately swallows the rest of an array): wrong types, truncated values,
     * stray characters outside strings.
     */
    @Provide
    Arbitrary<Corruption> elementCorruptions() {
        return Arbitraries.of(
                (Corruption) e -> e.replace("\"prb_id\":424242", "\"prb_id\":\"x\""),
                e -> e.replace("\"asn\":7922", "\"asn\":{\"a\":1}"),
                e -> e.replace("1423526406", ""),
                e -> e.replace("}", "}}"),
                e -> e.replace(",\"event\"", " \"event\""),
                e -> "7",
                e -> "{\"type\":\"ping\"}",
                e -> "[1,{\"a\":[]}]");
    }
}
