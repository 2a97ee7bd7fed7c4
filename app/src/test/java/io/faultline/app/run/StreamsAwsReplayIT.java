package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.evaluation.ExpectedOutcome;
import io.faultline.core.health.HealthConfig;
import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplayProducer;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.ingestion.replay.TimelineReplayGenerator;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import io.faultline.streams.offline.OfflinePipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.faultline.app.catalog.CatalogCommand;

/**
 * The Kafka Streams application on the embedded broker and registry, fed the AWS us-east-1
 * 2021-12-07 replay as fast as possible, judged against the replay's own documented facts
 * ({@code timeline.yaml}, {@code expected.json}); no service or time is written here.
 *
 * <p>The replay is produced the way a restarted replay would be: up to half an hour into the
 * outage, then again from the outage's documented start, so its first half hour arrives twice.
 * Afterwards a slice around the last documented recovery is replayed once more. Neither copy may
 * add a signal or a health change (the dedupe stage's window).
 *
 * <p>Tolerances come from the detector settings ({@link PipelineSettings#defaults()}), see
 * {@link #ENTRY_TOLERANCE} and {@link #RECOVERY_TOLERANCE}.
 */
class StreamsAwsReplayIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Path HOME = Path.of(System.getProperty("faultline.home", "..")).toAbsolutePath().normalize();
    static final Path REPLAY = HOME.resolve("replays/aws-us-east-1-2021-12-07");
    static final String APPLICATION_ID = "faultline-streams-aws-it";
    static final PipelineSettings SETTINGS = PipelineSettings.defaults();
    static final HealthConfig HEALTH = SETTINGS.health();
    /** The generator probes every service once a minute from each vantage (TimelineReplayGenerator). */
    static final Duration PROBE_ROUND = Duration.ofMinutes(1);
    /**
     * Onset to first DEGRADED/DOWN. The probe detector judges the latest result of each vantage inside
     * its window and needs {@code minFailingVantages} of them failing and at least half; entering a worse
     * state has no hold. A {@code down} service (about 90 % of checks failing) qualifies within its first
     * round; a {@code degraded} one (about 50 %) on any round where 3 of the 6 latest fail (p = 42/64 per
     * round). Allowance: one detector window plus one round (4 min). The events are seeded, so the
     * outcome is fixed from run to run.
     */
    static final Duration ENTRY_TOLERANCE = Duration.ofMillis(HEALTH.probes().windowMillis()).plus(PROBE_ROUND);
    /**
     * Documented end to UP: one round replaces every vantage's latest (failing) result, the evidence must
     * then stay below the exit threshold for the recovery hold (hysteresis, 3 min), and the machine is
     * re-evaluated at the next signal or stream-time tick (30 s): 4.5 min.
     */
    static final Duration RECOVERY_TOLERANCE = PROBE_ROUND.plus(HEALTH.recoveryHold()).plus(HEALTH.tick());
    /** Replaying the outage's start again this long after it began (the overlap). */
    static final Duration RESTART_AFTER_ONSET = Duration.ofMinutes(30);
    static final Duration CATCH_UP = Duration.ofMinutes(4);

    /** One {@code services[]} entry of timeline.yaml. */
    record Impaired(String id, Instant from, Instant until, String severity) {
    }

    @TempDir
    Path workDir;

    @Test
    void documentedFailuresDegradeNearTheirTimesControlsStayUpAndReplayedCopiesAddNothing() throws Exception {
        ExpectedOutcome expected = ExpectedOutcomes.read(REPLAY.resolve("expected.json"));
        Map<String, Impaired> impaired = impairedServices(REPLAY.resolve("timeline.yaml"));
        TimelineReplayGenerator generator = TimelineReplayGenerator.load(REPLAY, HOME.resolve("catalog"));
        List<String> controls = generator.controlServices();
        assertThat(impaired.keySet()).as("timeline.yaml and expected.json name the same services")
                .containsExactlyInAnyOrderElementsOf(expected.affectedServices());
        assertThat(controls).isNotEmpty().doesNotContainAnyElementsOf(impaired.keySet());

        List<CatalogEntry> catalog = CatalogCommand.read(HOME.resolve("catalog")).requireValid();
        Map<String, Instant> signalsOnce = offlineSignals(catalog);
        Instant restartAt = expected.firstSignal().plus(RESTART_AFTER_ONSET);
        Instant lastRecovery = impaired.values().stream().map(Impaired::until).max(Comparator.naturalOrder()).orElseThrow();
        Instant sliceFrom = lastRecovery.minus(Duration.ofHours(1));
        Instant sliceTo = lastRecovery.plus(Duration.ofMinutes(30));
        assertThat(Duration.between(sliceFrom, generator.windowEnd())).as("the slice lies inside the dedupe retention")
                .isLessThan(SETTINGS.dedupeRetention());

        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        CatalogCommand.publish(stack.bootstrapServers(), stack.topics(), registry, catalog);
        StreamsAppConfig config = new StreamsAppConfig(stack.bootstrapServers(), RegistryConfig.of(stack.registryUrl(), true),
                stack.topics(), APPLICATION_ID, workDir.resolve("streams-state"), SETTINGS);
        try (StreamsApp app = StreamsApp.start(config);
             StreamsOutputs outputs = new StreamsOutputs(stack, registry, APPLICATION_ID);
             ReplayProducer producer = new ReplayProducer(ReplayProducer.config(stack.bootstrapServers()), stack.topics(),
                     registry, Clock.systemUTC())) {
            replay(producer, null, restartAt);
            replay(producer, expected.firstSignal(), null);
            outputs.awaitCaughtUp(CATCH_UP);

            List<ServiceSignal> signals = List.copyOf(outputs.signals());
            List<ServiceHealth> health = List.copyOf(outputs.health());
            assertSameSignals(signals, signalsOnce);
            assertHealth(health, impaired, controls, expected, signals);

            // a slice around the last recovery, again: the dedupe window drops every copy
            replay(producer, sliceFrom, sliceTo);
            outputs.awaitCaughtUp(CATCH_UP);
            assertThat(outputs.signals().size()).as("signals after replaying " + sliceFrom + "/" + sliceTo + " again")
                    .isEqualTo(signals.size());
            assertThat(outputs.health().size()).as("health changes after replaying the slice again").isEqualTo(health.size());
        }
    }

    private static void assertHealth(List<ServiceHealth> health, Map<String, Impaired> impaired, List<String> controls,
                                     ExpectedOutcome expected, List<ServiceSignal> signals) {
        Map<String, List<ServiceHealth>> byEntity = new TreeMap<>();
        health.forEach(h -> byEntity.computeIfAbsent(h.getServiceId(), k -> new ArrayList<>()).add(h));

        Set<String> seen = new HashSet<>();
        health.forEach(h -> assertThat(seen.add(h.getServiceId() + " " + h.getState() + " " + h.getEventTime()))
                .as("duplicate health change " + h).isTrue());
        byEntity.forEach((id, changes) -> {
            for (int i = 1; i < changes.size(); i++) {
                assertThat(changes.get(i).getPreviousState()).as(id + ": changes only, each once, in order")
                        .isEqualTo(changes.get(i - 1).getState());
                assertThat(changes.get(i).getEventTime()).as(id).isAfterOrEqualTo(changes.get(i - 1).getEventTime());
            }
        });

        Set<String> allowed = new HashSet<>(impaired.keySet());
        allowed.add(expected.cause());
        assertThat(byEntity.keySet()).as("only documented services and the cause change health").isSubsetOf(allowed);
        Set<String> judged = new HashSet<>();
        signals.forEach(s -> judged.add(s.getEntityId()));
        assertThat(judged).as("the controls were probed and judged").containsAll(controls);
        assertThat(byEntity.keySet()).as("controls never leave UP").doesNotContainAnyElementsOf(controls);

        for (Impaired s : impaired.values()) {
            List<ServiceHealth> c = byEntity.getOrDefault(s.id(), List.of());
            assertThat(c).as(s.id() + " changes health").hasSizeGreaterThanOrEqualTo(2);
            ServiceHealth first = c.get(0);
            ServiceHealth last = c.get(c.size() - 1);
            assertThat(first.getState()).as(s.id() + " first change").isNotEqualTo(HealthState.UP);
            assertThat(first.getEventTime()).as(s.id() + " impaired within " + ENTRY_TOLERANCE + " of " + s.from())
                    .isBetween(s.from(), s.from().plus(ENTRY_TOLERANCE));
            assertThat(last.getState()).as(s.id() + " ends UP").isEqualTo(HealthState.UP);
            assertThat(last.getEventTime()).as(s.id() + " UP within " + RECOVERY_TOLERANCE + " of " + s.until())
                    .isBetween(s.until(), s.until().plus(RECOVERY_TOLERANCE));
            List<ServiceHealth> middle = c.subList(0, c.size() - 1);
            if (s.severity().equals("down")) {
                assertThat(middle).as(s.id() + " (down) reaches DOWN and never reads UP before it recovers")
                        .extracting(ServiceHealth::getState).contains(HealthState.DOWN).doesNotContain(HealthState.UP);
            } else {
                // about half the checks fail, so the latest-result-per-vantage snapshot now and then holds
                // fewer than 3 failures for the recovery hold; such an UP must be undone like an onset
                for (int i = 1; i < middle.size(); i++) {
                    if (middle.get(i).getState() == HealthState.UP) {
                        assertThat(c.get(i + 1).getEventTime()).as(s.id() + " re-impaired after the UP at "
                                + middle.get(i).getEventTime()).isBeforeOrEqualTo(middle.get(i).getEventTime().plus(ENTRY_TOLERANCE));
                    }
                }
            }
        }

        // the cause's only evidence is the provider's status page: impaired from its first post
        List<ServiceHealth> cause = byEntity.getOrDefault(expected.cause(), List.of());
        assertThat(cause).as(expected.cause() + " changes health").isNotEmpty();
        assertThat(cause.get(0).getState()).isNotEqualTo(HealthState.UP);
        assertThat(cause.get(0).getEventTime()).as(expected.cause() + " impaired at the provider's acknowledgement")
                .isBetween(expected.providerAcknowledged(), expected.providerAcknowledged().plus(HEALTH.tick()));
    }

    /** Produces the replay's events in {@code [from, to)} (null = the window's edge), as fast as possible. */
    private static void replay(ReplayProducer producer, Instant from, Instant to) throws Exception {
        try (ReplaySource source = ReplaySource.open(REPLAY, ReplayOptions.defaults().withWindow(from, to))) {
            producer.replay(source, 0, Duration.ofMinutes(1), p -> { });
        }
    }

    /**
     * Exactly the signals the same logic makes of the replay sent once, each once: the overlap added
     * none and none was lost. A difference is summarised (not listed: there are about 190,000).
     */
    private static void assertSameSignals(List<ServiceSignal> signals, Map<String, Instant> expected) {
        Set<String> ids = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        signals.forEach(s -> {
            if (!ids.add(s.getSignalId())) {
                duplicates.add(s.getSignalId());
            }
        });
        assertThat(duplicates).as("signals written twice").isEmpty();
        List<Map.Entry<String, Instant>> missing = expected.entrySet().stream().filter(e -> !ids.contains(e.getKey()))
                .sorted(Map.Entry.comparingByValue()).toList();
        assertThat(missing.size()).as(missing.isEmpty() ? "" : missing.size() + " of " + expected.size()
                + " signals missing, event times " + missing.get(0).getValue() + " .. " + missing.get(missing.size() - 1).getValue()
                + ", e.g. " + missing.get(0).getKey()).isZero();
        assertThat(ids.size()).as("signals the offline pipeline does not make").isEqualTo(expected.size());
    }

    /** Signal id and event time of every signal the same logic makes of the whole replay sent once (offline pipeline). */
    private static Map<String, Instant> offlineSignals(List<CatalogEntry> catalog) throws IOException {
        Map<String, Instant> out = new HashMap<>();
        OfflinePipeline offline = new OfflinePipeline(catalog, SETTINGS, s -> out.put(s.getSignalId(), s.getEventTime()), h -> { });
        try (ReplaySource source = ReplaySource.open(REPLAY, ReplayOptions.defaults())) {
            source.events().forEachRemaining(e -> offline.accept(e.value(), e.eventTime()));
        }
        return out;
    }

    /** The {@code services[]} of timeline.yaml: who was impaired, from when until when, how badly. */
    static Map<String, Impaired> impairedServices(Path timelineYaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(timelineYaml.toFile());
        Map<String, Impaired> out = new LinkedHashMap<>();
        for (JsonNode s : root.path("services")) {
            Impaired i = new Impaired(s.path("id").asText(), Instant.parse(s.path("impairedFrom").asText()),
                    Instant.parse(s.path("impairedUntil").asText()), s.path("severity").asText());
            assertThat(out.put(i.id(), i)).as("one window per service in " + timelineYaml).isNull();
        }
        assertThat(out).as("services in " + timelineYaml).isNotEmpty();
        return out;
    }
}
