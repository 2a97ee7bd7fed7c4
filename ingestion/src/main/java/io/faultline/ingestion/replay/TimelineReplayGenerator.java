package io.faultline.ingestion.replay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.ingestion.catalog.CatalogYaml;

/**
 * Turns a {@code replays/<id>/timeline.yaml} into RECONSTRUCTED raw events, deterministically
 * (seeded by the replay id; the same timeline and catalog give the same events, byte for byte):
 * <ul>
 *   <li>a StatusPageObservation for every provider status post and every service status post, at its
 *       documented time ({@link StatusPosts});</li>
 *   <li>a synthetic HTTP ProbeResult every minute of the window from each of {@link #VANTAGES} against
 *       every impaired service (confounders' included) and {@link #CONTROL_SERVICES} healthy control services
 *       from the catalog: inside a service's {@code [impairedFrom, impairedUntil)} about 90 % fail when it was
 *       {@code down} and 50 % when {@code degraded} (timeouts and 5xx; the answers that get through are slow);
 *       outside it, and for controls always, they succeed;</li>
 *   <li>no social posts: we would be inventing people's words.</li>
 * </ul>
 * Every probe says what it is: source RECONSTRUCTED, vantage and result id prefixed {@value #RECONSTRUCTED}.
 * Controls are services that are neither in the replay nor declare a dependency on its cause's provider
 * (or a confounder's); that they were healthy is an assumption, made so a detector sees a population.
 */
public final class TimelineReplayGenerator {

    public static final String RECONSTRUCTED = "reconstructed:";
    public static final int CONTROL_SERVICES = 30;
    public static final double FAILURE_RATE_DOWN = 0.9;
    public static final double FAILURE_RATE_DEGRADED = 0.5;
    static final double TIMEOUT_MS = 10_000;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int[] SERVER_ERRORS = {503, 503, 502, 500, 504};

    /** A named synthetic vantage point; {@code name} never looks like a real probe id. */
    public record Vantage(String name, String region, String country, double baseRttMs) {
        public String qualifiedName() {
            return RECONSTRUCTED + name;
        }
    }

    public static final List<Vantage> VANTAGES = List.of(
            new Vantage("replay-vantage-iad", "us-east", "US", 9),
            new Vantage("replay-vantage-sfo", "us-west", "US", 38),
            new Vantage("replay-vantage-lhr", "eu-west", "GB", 42),
            new Vantage("replay-vantage-fra", "eu-central", "DE", 48),
            new Vantage("replay-vantage-gru", "sa-east", "BR", 72),
            new Vantage("replay-vantage-sin", "ap-southeast", "SG", 115));

    /** A probed service: its host and the windows it was impaired in (none for controls). */
    record Target(String id, String host, List<Timeline.Impairment> impairments, boolean control) {
        Timeline.Impairment activeAt(Instant t) {
            Timeline.Impairment worst = null;
            for (Timeline.Impairment i : impairments) {
                if (!t.isBefore(i.from()) && t.isBefore(i.until())
                        && (worst == null || i.severity().equals("down"))) {
                    worst = i;
                }
            }
            return worst;
        }
    }

    private final Timeline timeline;
    private final long seed;
    private final List<Target> targets;
    private final List<RawEvent> statusEvents;
    private final long minutes;
    private final GenerationReport report;

    private TimelineReplayGenerator(Timeline timeline, Map<String, CatalogEntry> catalog) {
        this.timeline = timeline;
        this.seed = seedOf(timeline.id());
        this.minutes = Duration.between(timeline.windowStart(), timeline.windowEnd()).toMinutes();
        List<String> facts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        this.statusEvents = new StatusPosts(timeline, catalog).observations(facts, skipped);
        this.targets = targets(catalog, facts);
        Map<RawKind, Long> counts = new EnumMap<>(RawKind.class);
        counts.put(RawKind.STATUS_PAGE, (long) statusEvents.size());
        counts.put(RawKind.PROBE, minutes * targets.size() * VANTAGES.size());
        counts.put(RawKind.SOCIAL, 0L);
        counts.put(RawKind.PROBE_CONNECTION, 0L);
        for (Timeline.Confounder c : timeline.confounders()) {
            if (c.servicesAffected().isEmpty()) {
                skipped.add("confounder " + c.id() + " (" + c.component() + "): no impaired services and no documented "
                        + "time for its status entry");
            } else {
                skipped.add("confounder " + c.id() + ": its PIR timeline entries and acknowledgement are not status-page "
                        + "posts; only its servicesAffected are probed");
            }
        }
        skipped.add("social posts: none (they would be invented words of real people)");
        this.report = new GenerationReport(timeline.id(), counts, facts, skipped);
    }

    /** The generator for {@code replayDir/timeline.yaml} against the catalog in {@code catalogDir}. */
    public static TimelineReplayGenerator load(Path replayDir, Path catalogDir) {
        Path file = replayDir.resolve("timeline.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(replayDir + ": no timeline.yaml (not a replays/<id> folder)");
        }
        if (!Files.isDirectory(catalogDir)) {
            throw new IllegalArgumentException("catalog directory " + catalogDir + " not found (set --catalog-dir)");
        }
        Map<String, CatalogEntry> catalog = new LinkedHashMap<>();
        CatalogYaml.load(catalogDir, Instant.EPOCH).requireValid().forEach(e -> catalog.put(e.getEntityId(), e));
        return new TimelineReplayGenerator(Timeline.read(file), catalog);
    }

    public GenerationReport report() {
        return report;
    }

    public String replayId() {
        return timeline.id();
    }

    public Instant windowStart() {
        return timeline.windowStart();
    }

    public Instant windowEnd() {
        return timeline.windowEnd();
    }

    /** The ids of the probed services: impaired ones (confounders' included) first, then the controls. */
    public List<String> probedServices() {
        return targets.stream().map(Target::id).toList();
    }

    public List<String> controlServices() {
        return targets.stream().filter(Target::control).map(Target::id).toList();
    }

    /** All events in event-time order, generated a minute at a time (memory stays small). */
    public Iterator<RawEvent> events() {
        return new Iterator<>() {
            private long minute;
            private int statusIndex;
            private Iterator<RawEvent> batch = List.<RawEvent>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && minute < minutes) {
                    batch = minute(minute++).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public RawEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }

            private List<RawEvent> minute(long m) {
                Instant start = timeline.windowStart().plus(MINUTE.multipliedBy(m));
                Instant end = start.plus(MINUTE);
                List<RawEvent> out = new ArrayList<>();
                while (statusIndex < statusEvents.size() && statusEvents.get(statusIndex).eventTime().isBefore(end)) {
                    out.add(statusEvents.get(statusIndex++));
                }
                for (Target t : targets) {
                    for (int v = 0; v < VANTAGES.size(); v++) {
                        out.add(RawEvent.of(probe(t, v, start, m)));
                    }
                }
                out.sort(ORDER);
                return out;
            }
        };
    }

    /** Ties in time are broken by kind and key; the sort is stable, so equal ones keep generation order. */
    static final Comparator<RawEvent> ORDER = Comparator.comparing(RawEvent::eventTime)
            .thenComparing(RawEvent::kind).thenComparing(RawEvent::key);

    ProbeResult probe(Target t, int vantageIndex, Instant minuteStart, long minute) {
        Vantage v = VANTAGES.get(vantageIndex);
        SplittableRandom rng = new SplittableRandom(mix(seed ^ mix(t.id().hashCode() * 31L + vantageIndex) ^ mix(minute + 0x5DEECE66DL)));
        // vantages take turns within the minute, each in its own 10 s slot
        Instant at = minuteStart.plusMillis(vantageIndex * 10_000L + rng.nextLong(10_000));
        Timeline.Impairment impairment = t.activeAt(at);
        double dns = 1 + rng.nextDouble() * 24;
        double connect = v.baseRttMs() * (0.9 + rng.nextDouble() * 0.3);
        double tls = connect * (1.2 + rng.nextDouble() * 0.5);
        double firstByte = connect + 40 + rng.nextDouble() * 160;
        double failureRate = impairment == null ? 0
                : impairment.severity().equals("down") ? FAILURE_RATE_DOWN : FAILURE_RATE_DEGRADED;
        ProbeResult.Builder b = ProbeResult.newBuilder()
                .setResultId(RECONSTRUCTED + timeline.id() + ":" + v.name() + ":" + t.id() + ":" + at.toEpochMilli())
                .setSource(ProbeSource.RECONSTRUCTED)
                .setProbeType(ProbeType.HTTP)
                .setTargetId(t.id())
                .setTargetHost(t.host())
                .setVantage(v.qualifiedName())
                .setVantageRegion(v.region())
                .setVantageCountry(v.country())
                .setDnsMs(round(dns))
                .setConnectMs(round(connect))
                .setTlsMs(round(tls))
                .setEventTime(at)
                .setObservedAt(at);
        if (rng.nextDouble() >= failureRate) {
            if (impairment != null) {
                firstByte *= 2.5 + rng.nextDouble() * 3; // answered, but slowly
            }
            return b.setSuccess(true).setStatusCode(200).setErrorKind(ProbeErrorKind.NONE)
                    .setFirstByteMs(round(firstByte))
                    .setTotalMs(round(dns + connect + tls + firstByte + 5 + rng.nextDouble() * 40)).build();
        }
        if (rng.nextDouble() < 0.6) {
            return b.setSuccess(false).setErrorKind(ProbeErrorKind.TIMEOUT)
                    .setError("no response within " + (long) TIMEOUT_MS + " ms").setTotalMs(TIMEOUT_MS).build();
        }
        int code = SERVER_ERRORS[rng.nextInt(SERVER_ERRORS.length)];
        double slow = connect + 200 + rng.nextDouble() * 2800;
        return b.setSuccess(false).setStatusCode(code).setErrorKind(ProbeErrorKind.HTTP_ERROR)
                .setError("HTTP " + code).setFirstByteMs(round(slow)).setTotalMs(round(dns + connect + tls + slow + 2)).build();
    }

    private List<Target> targets(Map<String, CatalogEntry> catalog, List<String> facts) {
        Map<String, List<Timeline.Impairment>> impaired = new LinkedHashMap<>();
        int confounderServices = 0;
        for (Timeline.Impairment i : timeline.services()) {
            impaired.computeIfAbsent(i.serviceId(), k -> new ArrayList<>()).add(i);
        }
        for (Timeline.Confounder c : timeline.confounders()) {
            for (Timeline.Impairment i : c.servicesAffected()) {
                impaired.computeIfAbsent(i.serviceId(), k -> new ArrayList<>()).add(i);
                confounderServices++;
            }
        }
        List<Target> out = new ArrayList<>();
        impaired.forEach((id, windows) -> out.add(new Target(id, host(catalog.get(id)), List.copyOf(windows), false)));
        Set<String> excluded = new LinkedHashSet<>();
        excluded.add(providerOf(timeline.causeComponent(), catalog));
        timeline.confounders().forEach(c -> {
            if (c.component() != null) {
                excluded.add(providerOf(c.component(), catalog));
            }
        });
        List<CatalogEntry> candidates = catalog.values().stream()
                .filter(e -> e.getKind() == io.faultline.avro.EntityKind.SERVICE)
                .filter(e -> !impaired.containsKey(e.getEntityId()))
                .filter(e -> e.getDependsOn().stream().noneMatch(d -> excluded.stream().anyMatch(x -> d.getTarget().startsWith(x))))
                .sorted(Comparator.comparing(CatalogEntry::getEntityId))
                .toList();
        List<CatalogEntry> shuffled = new ArrayList<>(candidates);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) { // Fisher-Yates with the replay's seed
            int j = rng.nextInt(i + 1);
            CatalogEntry tmp = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, tmp);
        }
        List<CatalogEntry> controls = shuffled.subList(0, Math.min(CONTROL_SERVICES, shuffled.size())).stream()
                .sorted(Comparator.comparing(CatalogEntry::getEntityId)).toList();
        controls.forEach(c -> out.add(new Target(c.getEntityId(), host(c), List.of(), true)));
        facts.add((impaired.size() - confounderServices) + " impaired services (services[]) and " + confounderServices
                + " confounder services (confounders[].servicesAffected) x " + VANTAGES.size() + " vantages x " + minutes
                + " minutes: synthetic HTTP probe results, ~" + Math.round(FAILURE_RATE_DOWN * 100) + " % failing when down, ~"
                + Math.round(FAILURE_RATE_DEGRADED * 100) + " % when degraded, inside [impairedFrom, impairedUntil)");
        facts.add(controls.size() + " healthy control services (catalog services not in this replay, no declared dependency on "
                + String.join("/", excluded) + "), always succeeding: "
                + String.join(", ", controls.stream().map(CatalogEntry::getEntityId).toList()));
        return List.copyOf(out);
    }

    private static String providerOf(String component, Map<String, CatalogEntry> catalog) {
        CatalogEntry e = catalog.get(component);
        return e != null && e.getParentId() != null ? e.getParentId() : component.split("/")[0];
    }

    private static String host(CatalogEntry e) {
        return e == null || e.getDomains().isEmpty() ? null : e.getDomains().get(0);
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    /** The replay's seed: the first 8 bytes of SHA-256 of its id, so it is the same on every JVM. */
    static long seedOf(String replayId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(replayId.getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (h[i] & 0xff);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** SplitMix64's finaliser: spreads nearby inputs over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
