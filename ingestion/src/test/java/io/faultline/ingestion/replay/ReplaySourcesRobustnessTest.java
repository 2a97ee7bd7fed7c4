package io.faultline.ingestion.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.probe.AtlasResultParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.constraints.Size;

/**
 * Malformed lines (or files) mixed with valid ones, thrown at the archive reader and at every
 * line- or file-based kind {@link ReplaySource#open} recognises: each input either parses or
 * becomes a dead letter, nothing throws, and every valid record comes out. (A replays/ folder is
 * generated, not parsed: a broken timeline.yaml fails at open, naming the key.)
 */
class ReplaySourcesRobustnessTest {

    static final Instant T0 = Instant.parse("2016-07-26T00:00:00Z");

    /** A malformed line: a cut-off valid line, or text that is not JSON, or JSON of the wrong shape. */
    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').withChars('é', '€', '\t').ofMinLength(1).ofMaxLength(80)
                        .map(s -> "x" + s),
                Arbitraries.of("{", "{}", "null", "42", "{\"kind\":\"PROBE\"}", "{\"kind\":\"PROBE\",\"key\":\"k\",\"eventTime\":\"nope\"}",
                        "{\"kind\":\"SOCIAL\",\"key\":\"k\",\"eventTime\":\"2016-07-26T00:00:00Z\",\"schema\":\"io.faultline.avro.SocialPost\",\"value\":{}}",
                        "{\"prb_id\":\"abc\"}", "{\"type\":\"connection\"}"));
    }

    @Property(tries = 60)
    void archiveLines(@ForAll @Size(min = 1, max = 12) List<@IntRange(max = 3) Integer> kinds,
                      @ForAll @Size(max = 6) List<String> extra, @ForAll("garbage") String g1,
                      @ForAll @IntRange(max = 400) int cut, @ForAll boolean gzip) throws IOException {
        ArchiveCodec codec = new ArchiveCodec();
        List<RawEvent> valid = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>(List.of(g1));
        for (int i = 0; i < kinds.size(); i++) {
            RawEvent e = SampleEvents.allKinds(T0.plusSeconds(10L * i)).get(kinds.get(i));
            valid.add(e);
            String line = codec.encode(e);
            lines.add(line);
            if (i % 3 == 0) {
                bad.add(line.substring(0, 1 + Math.min(cut, line.length() - 2))); // cut short
            }
        }
        extra.stream().filter(s -> !s.isBlank() && !s.contains("\n") && !s.contains("\r")).map(s -> "x" + s).forEach(bad::add);
        List<String> mixed = interleave(lines, bad);
        Path file = write(tmp("archive"), "events.ndjson" + (gzip ? ".gz" : ""), String.join("\n", mixed), gzip);

        // gzip: opened as the archive directory (recognised by name); plain: as a bare events file (by content)
        ReplaySource s = ReplaySource.open(gzip ? file.getParent() : file, ReplayOptions.defaults());
        List<RawEvent> read = ArchiveRoundTripTest.readAll(s);
        assertThat(read).isEqualTo(valid);
        assertThat(s.rejected()).hasSize(bad.size());
    }

    @Property(tries = 40)
    void atlasConnectionEventLines(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 60_000) Integer> probes,
                                   @ForAll @Size(max = 6) List<@From("garbage") String> bad, @ForAll boolean gzip) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            lines.add("{\"msm_id\":7000,\"prb_id\":" + probes.get(i) + ",\"timestamp\":" + (T0.getEpochSecond() + 60L * (probes.size() - i))
                    + ",\"event\":\"" + (i % 2 == 0 ? "disconnect" : "connect") + "\",\"type\":\"connection\",\"controller\":\"ctr-ams01\","
                    + "\"prefix\":\"192.0.2.0/24\",\"asn\":" + (64_500 + i) + "}");
        }
        List<String> cuts = lines.stream().limit(3).map(l -> l.substring(0, l.length() / 2)).toList();
        // garbage that mentions prb_id or looks like an archive line would outvote a short file's few
        // real lines when the kind is sniffed (the majority decides); this property is about garbage
        // inside a file that is clearly Atlas connection events
        List<String> allBad = Stream.concat(bad.stream().filter(b -> !b.startsWith("{\"type\"") && !b.contains("prb_id")
                && !b.startsWith("{\"kind\"")), cuts.stream()).toList();
        Path file = write(tmp("atlas-conn"), "events.ndjson" + (gzip ? ".gz" : ""), String.join("\n", interleave(lines, allBad)), gzip);

        ReplaySource s = ReplaySource.open(file, ReplayOptions.defaults());
        List<RawEvent> read = ArchiveRoundTripTest.readAll(s);
        assertThat(read).hasSize(lines.size()).allSatisfy(e -> assertThat(e.kind()).isEqualTo(RawKind.PROBE_CONNECTION));
        ReplaySourceOpenTest.assertNonDecreasing(read);
        assertThat(s.rejected()).hasSize(allBad.size());
    }

    @Property(tries = 30)
    void atlasResultLines(@ForAll @Size(max = 6) List<@From("garbage") String> bad, @ForAll boolean gzip) throws IOException {
        List<String> lines = singlyValidSaganPings();
        List<String> allBad = bad.stream().filter(b -> !b.contains("prb_id") && !b.startsWith("{\"type\"")).toList();
        Path file = write(tmp("atlas-results"), "results.ndjson" + (gzip ? ".gz" : ""), String.join("\n", interleave(lines, allBad)), gzip);

        ReplaySource s = ReplaySource.open(file, ReplayOptions.defaults());
        assertThat(ArchiveRoundTripTest.readAll(s)).hasSize(lines.size());
        assertThat(s.rejected()).hasSize(allBad.size());
    }

    @Property(tries = 25)
    void statuspageSnapshotFiles(@ForAll @Size(min = 1, max = 6) List<Boolean> outages,
                                 @ForAll @Size(max = 4) List<@From("garbage") String> bad) throws IOException {
        Path mixed = tmp("snapshots-mixed");
        Path clean = tmp("snapshots-clean");
        for (int i = 0; i < outages.size(); i++) {
            String at = T0.plusSeconds(600L * i).toString();
            String json = ReplaySourceOpenTest.summary(outages.get(i) ? "major_outage" : "operational", at);
            String name = "example_summary_" + at.replace(':', '-') + ".json";
            Files.writeString(mixed.resolve(name), json);
            Files.writeString(clean.resolve(name), json);
        }
        for (int i = 0; i < bad.size(); i++) { // broken files between the good ones, and a truncated one
            Files.writeString(mixed.resolve("example_summary_" + T0.plusSeconds(600L * i + 300).toString().replace(':', '-') + ".json"),
                    i == 0 ? ReplaySourceOpenTest.summary("major_outage", T0.toString()).substring(0, 30) : bad.get(i));
        }
        ReplaySource fromMixed = ReplaySource.open(mixed, ReplayOptions.defaults());
        List<RawEvent> read = ArchiveRoundTripTest.readAll(fromMixed);
        List<RawEvent> expected = ArchiveRoundTripTest.readAll(ReplaySource.open(clean, ReplayOptions.defaults()));
        assertThat(read).isEqualTo(expected);
        assertThat(fromMixed.rejected()).hasSizeGreaterThanOrEqualTo(bad.size());
    }

    private static List<String> singlyValidSaganPings() throws IOException {
        AtlasResultParser parser = new AtlasResultParser(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
        return Files.readAllLines(DataDir.file("probes/sagan_ping_results.ndjson")).stream()
                .filter(l -> {
                    var o = parser.parseLine(l, Map.of());
                    return o.records().size() == 1 && o.rejected().isEmpty();
                }).toList();
    }

    /** Bad lines spread among the good ones, deterministically, good ones in their order. */
    private static List<String> interleave(List<String> good, List<String> bad) {
        List<String> out = new ArrayList<>(good);
        for (int i = 0; i < bad.size(); i++) {
            out.add(out.isEmpty() ? 0 : (i * 7919) % (out.size() + 1), bad.get(i));
        }
        return out;
    }

    private static Path write(Path dir, String name, String text, boolean gzip) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    private final List<Path> dirs = new ArrayList<>();

    private Path tmp(String prefix) {
        try {
            Path p = Files.createTempDirectory("faultline-" + prefix);
            dirs.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterTry
    void deleteTempDirs() throws IOException {
        for (Path d : dirs) {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        dirs.clear();
    }
}
