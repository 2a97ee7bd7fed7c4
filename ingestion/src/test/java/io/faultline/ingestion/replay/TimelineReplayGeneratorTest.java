package io.faultline.ingestion.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.StatusPageObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator against the real timelines in replays/ and the real catalog. */
class TimelineReplayGeneratorTest {

    static final Path HOME = Path.of(System.getProperty("faultline.home", "..")).toAbsolutePath().normalize();
    static final Path CATALOG = HOME.resolve("catalog");

    @TempDir
    Path tmp;

    static Stream<String> replays() throws IOException {
        try (Stream<Path> s = Files.list(HOME.resolve("replays"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("timeline.yaml")))
                    .map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static TimelineReplayGenerator generator(String id) {
        return TimelineReplayGenerator.load(HOME.resolve("replays").resolve(id), CATALOG);
    }

    @Test
    void regeneratingGivesTheSameBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(generator("fastly-2021-06-08"), a);
        write(generator("fastly-2021-06-08"), b);
        assertThat(Files.size(a.resolve("events.ndjson.gz"))).isGreaterThan(100_000);
        assertThat(Files.readAllBytes(a.resolve("events.ndjson.gz"))).isEqualTo(Files.readAllBytes(b.resolve("events.ndjson.gz")));
        assertThat(Files.readString(a.resolve("manifest.json"))).isEqualTo(Files.readString(b.resolve("manifest.json")));
    }

    private static void write(TimelineReplayGenerator g, Path dir) {
        try (ArchiveWriter w = ArchiveWriter.create(dir, "test", null, g.report().lines())) {
            g.events().forEachRemaining(w::write);
        }
    }

    /** Every property a user of a reconstructed replay relies on, checked over every event of every replay. */
    @ParameterizedTest
    @MethodSource("replays")
    void eventsStayInTheWindowAndFailOnlyWhereTheTimelineSays(String id) throws IOException {
        TimelineReplayGenerator g = generator(id);
        Timeline t = Timeline.read(HOME.resolve("replays").resolve(id).resolve("timeline.yaml"));
        Map<String, List<Timeline.Impairment>> windows = new HashMap<>();
        t.services().forEach(s -> windows.computeIfAbsent(s.serviceId(), k -> new ArrayList<>()).add(s));
        t.confounders().forEach(c -> c.servicesAffected().forEach(s -> windows.computeIfAbsent(s.serviceId(), k -> new ArrayList<>()).add(s)));
        Set<String> controls = new HashSet<>(g.controlServices());
        assertThat(controls).hasSize(TimelineReplayGenerator.CONTROL_SERVICES).doesNotContainAnyElementsOf(windows.keySet());

        Map<String, int[]> insideFailures = new HashMap<>(); // service -> {probes inside, failures inside}
        List<StatusPageObservation> posts = new ArrayList<>();
        Map<RawKind, Long> counts = new HashMap<>();
        Instant previous = Instant.MIN;
        var it = g.events();
        while (it.hasNext()) {
            RawEvent e = it.next();
            counts.merge(e.kind(), 1L, Long::sum);
            assertThat(e.eventTime()).isAfterOrEqualTo(previous).isAfterOrEqualTo(t.windowStart()).isBefore(t.windowEnd());
            previous = e.eventTime();
            if (e.value() instanceof StatusPageObservation o) {
                posts.add(o);
                assertThat(o.getObservationId()).startsWith("reconstructed:");
                continue;
            }
            ProbeResult p = (ProbeResult) e.value();
            assertThat(p.getSource()).isEqualTo(ProbeSource.RECONSTRUCTED);
            assertThat(p.getVantage()).startsWith("reconstructed:replay-vantage-");
            assertThat(p.getResultId()).startsWith("reconstructed:" + id + ":");
            assertThat(e.key()).isEqualTo(p.getTargetId());
            if (controls.contains(p.getTargetId())) {
                assertThat(p.getSuccess()).as("control %s at %s", p.getTargetId(), e.eventTime()).isTrue();
                continue;
            }
            boolean inside = windows.get(p.getTargetId()).stream()
                    .anyMatch(w -> !e.eventTime().isBefore(w.from()) && e.eventTime().isBefore(w.until()));
            if (!inside) {
                assertThat(p.getSuccess()).as("%s outside its window at %s", p.getTargetId(), e.eventTime()).isTrue();
                assertThat(p.getErrorKind()).isEqualTo(ProbeErrorKind.NONE);
            } else {
                int[] c = insideFailures.computeIfAbsent(p.getTargetId(), k -> new int[2]);
                c[0]++;
                if (!p.getSuccess()) {
                    c[1]++;
                    assertThat(p.getErrorKind()).isIn(ProbeErrorKind.TIMEOUT, ProbeErrorKind.HTTP_ERROR);
                }
            }
        }
        assertThat(counts).containsEntry(RawKind.PROBE, g.report().count(RawKind.PROBE));
        assertThat(counts.getOrDefault(RawKind.STATUS_PAGE, 0L)).isEqualTo(g.report().count(RawKind.STATUS_PAGE));
        assertThat(counts).doesNotContainKeys(RawKind.SOCIAL, RawKind.PROBE_CONNECTION);

        // failure rates inside the windows follow the severity (within sampling noise)
        for (Timeline.Impairment s : t.services()) {
            int[] c = insideFailures.get(s.serviceId());
            assertThat(c).as("probes inside %s's window", s.serviceId()).isNotNull();
            if (windows.get(s.serviceId()).size() == 1 && c[0] >= 200) {
                double rate = c[1] / (double) c[0];
                double expected = s.severity().equals("down") ? 0.9 : 0.5;
                assertThat(rate).as("failure rate of %s (%s)", s.serviceId(), s.severity()).isBetween(expected - 0.08, expected + 0.08);
            }
        }

        // the provider's posts are at their documented times, on the owner's page, with the documented phase
        List<Timeline.StatusUpdate> documented = t.providerUpdates();
        List<StatusPageObservation> providerPosts = posts.stream().filter(o -> o.getComponentId() != null).toList();
        assertThat(providerPosts).extracting(StatusPageObservation::getEventTime)
                .containsExactlyElementsOf(documented.stream().map(Timeline.StatusUpdate::time).toList());
        for (int i = 0; i < documented.size(); i++) {
            StatusPageObservation o = providerPosts.get(i);
            assertThat(o.getComponentId()).isEqualTo(documented.get(i).component());
            assertThat(o.getUpdateBody()).isEqualTo(documented.get(i).text());
            assertThat(o.getIncidentStatus().name()).isEqualToIgnoringCase(documented.get(i).phase());
        }
    }

    @Test
    void awsPostsGoOnTheAwsPageAndBitmexPostsOnItsOwn() {
        List<StatusPageObservation> aws = posts("aws-us-east-1-2021-12-07");
        assertThat(aws).hasSize(5).allSatisfy(o -> {
            assertThat(o.getPageId()).isEqualTo("aws");
            assertThat(o.getComponentId()).isEqualTo("aws/us-east-1");
        });
        assertThat(aws.get(0).getEventTime()).isEqualTo(Instant.parse("2021-12-07T16:22:00Z"));
        assertThat(aws.get(0).getComponentStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(aws.get(0).getIncidentStatus()).isEqualTo(IncidentStatus.INVESTIGATING);

        List<StatusPageObservation> cf = posts("cloudflare-2022-06-21");
        StatusPageObservation bitmex = cf.stream().filter(o -> o.getPageId().equals("bitmex")).findFirst().orElseThrow();
        assertThat(bitmex.getEventTime()).isEqualTo(Instant.parse("2022-06-21T06:56:00Z"));
        assertThat(bitmex.getIncidentStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(bitmex.getComponentStatus()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(cf.stream().filter(o -> o.getPageId().equals("cloudflare"))).hasSize(4);
    }

    @Test
    void crowdstrikeIncludesTheAzureConfounderServices() {
        TimelineReplayGenerator g = generator("crowdstrike-2024-07-19");
        assertThat(g.probedServices()).contains("microsoft-365", "frontier-airlines", "sun-country-airlines", "sky-news");
        assertThat(g.report().skipped()).anyMatch(s -> s.contains("azure-status-crowdstrike-advisory-2024-07-19"));
        assertThat(g.report().lines().get(0)).startsWith("RECONSTRUCTED replay crowdstrike-2024-07-19");
        // controls declare no dependency on CrowdStrike nor Azure
        assertThat(g.report().facts()).anyMatch(f -> f.contains("crowdstrike/azure"));
    }

    private static List<StatusPageObservation> posts(String id) {
        List<StatusPageObservation> out = new ArrayList<>();
        generator(id).events().forEachRemaining(e -> {
            if (e.value() instanceof StatusPageObservation o) {
                out.add(o);
            }
        });
        return out;
    }
}
