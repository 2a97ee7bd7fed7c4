package io.faultline.flink.correlation;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A hand-made catalog (shapes only, not catalog facts) and health histories for the job tests:
 * a cloud with two regions and a CDN running on it, and a regional outage with the region's own
 * status page reporting trouble.
 */
public final class CorrelationFixtures {

    static final Instant T0 = Instant.parse("2021-12-07T15:30:00Z");
    static final Instant LOADED = Instant.parse("2026-01-01T00:00:00Z");

    private CorrelationFixtures() {
    }

    public static List<CatalogEntry> catalog() {
        List<CatalogEntry> entries = new ArrayList<>(List.of(
                entity("aws", EntityKind.PROVIDER, null, null),
                entity("aws/us-east-1", EntityKind.REGION, "aws", "us-east-1"),
                entity("aws/us-west-2", EntityKind.REGION, "aws", "us-west-2"),
                entity("cloudfront", EntityKind.CDN, null, null, "aws")));
        for (int i = 1; i <= 8; i++) {
            entries.add(entity("use1-" + i, EntityKind.SERVICE, null, null, "aws/us-east-1"));
        }
        for (int i = 1; i <= 6; i++) {
            entries.add(entity("usw2-" + i, EntityKind.SERVICE, null, null, "aws/us-west-2"));
        }
        for (int i = 1; i <= 4; i++) {
            entries.add(entity("cf-" + i, EntityKind.SERVICE, null, null, "cloudfront"));
        }
        return entries;
    }

    static CatalogEntry entity(String id, EntityKind kind, String parent, String regionCode, String... dependsOn) {
        List<Dependency> edges = new ArrayList<>();
        for (String target : dependsOn) {
            edges.add(Dependency.newBuilder().setTarget(target).setKind("hosting").setEvidence("docs").build());
        }
        return CatalogEntry.newBuilder().setEntityId(id).setKind(kind).setName(id.toUpperCase()).setParentId(parent)
                .setRegionCode(regionCode).setDependsOn(edges).setEventTime(LOADED).build();
    }

    static ServiceHealth health(String service, HealthState state, Instant since) {
        return ServiceHealth.newBuilder().setServiceId(service).setState(state).setConfidence(0.9).setSince(since)
                .setEventTime(since).build();
    }

    static ServiceSignal statusPage(String entity, HealthState state, Instant at) {
        return ServiceSignal.newBuilder().setSignalId("sp-" + entity + "-" + at.toEpochMilli()).setEntityId(entity)
                .setSource(SignalSource.STATUS_PAGE).setObservedState(state).setEventTime(at).setObservedAt(at).build();
    }

    /**
     * Two hours of health: a background of short, lone impairments, and us-east-1's dependents failing
     * between T0+40 min and T0+75 min (one every 20 s), the region's page reporting trouble from
     * T0+44 min to T0+80 min, recoveries, and a status page signal of a service (ignored by the job).
     */
    public static List<ServiceHealth> outageHealth() {
        List<ServiceHealth> out = new ArrayList<>();
        Random random = new Random(7);
        String[] lone = {"usw2-1", "usw2-4", "cf-2", "usw2-6", "cf-4"};
        for (int i = 0; i < lone.length; i++) {
            Instant down = T0.plus(Duration.ofMinutes(5 + 20L * i)).plusSeconds(random.nextInt(50));
            out.add(health(lone[i], HealthState.DEGRADED, down));
            out.add(health(lone[i], HealthState.UP, down.plus(Duration.ofMinutes(4))));
        }
        for (int i = 1; i <= 8; i++) {
            Instant down = T0.plus(Duration.ofMinutes(40)).plusSeconds(20L * i);
            out.add(health("use1-" + i, i % 3 == 0 ? HealthState.DEGRADED : HealthState.DOWN, down));
            out.add(health("use1-" + i, HealthState.UP, T0.plus(Duration.ofMinutes(75)).plusSeconds(15L * i)));
        }
        out.sort(Comparator.comparing(ServiceHealth::getSince));
        return out;
    }

    public static List<ServiceSignal> outageSignals() {
        return List.of(
                statusPage("aws/us-east-1", HealthState.DEGRADED, T0.plus(Duration.ofMinutes(44))),
                statusPage("use1-2", HealthState.DOWN, T0.plus(Duration.ofMinutes(46))),
                statusPage("aws/us-east-1", HealthState.UP, T0.plus(Duration.ofMinutes(80))));
    }

    /**
     * The same records with each moved up to {@code maxShift} places from its position: disorder
     * bounded in count, so bounded in time for a steady stream.
     */
    static <T> List<T> locallyShuffled(List<T> ordered, int maxShift, long seed) {
        List<T> out = new ArrayList<>(ordered);
        Random random = new Random(seed);
        for (int start = 0; start < out.size(); start += maxShift) {
            Collections.shuffle(out.subList(start, Math.min(out.size(), start + maxShift)), random);
        }
        return out;
    }
}
