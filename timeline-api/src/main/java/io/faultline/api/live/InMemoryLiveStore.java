package io.faultline.api.live;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;

/**
 * {@link LiveStore} in memory, fed record by record. Out-of-order input is harmless: an incident
 * keeps its highest revision, a service its latest health by event time. Resolved incidents are
 * kept up to {@code maxResolved} (the oldest resolved ones are dropped first), so memory stays
 * bounded on a long-running API while the demo can still show what it detected.
 */
public final class InMemoryLiveStore implements LiveStore {

    private static final Comparator<IncidentDetail> NEWEST_FIRST = Comparator
            .comparing((IncidentDetail d) -> d.incident().openedAt()).reversed()
            .thenComparing(d -> d.incident().id());

    private final ConcurrentHashMap<String, HealthView> health = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, IncidentDetail> incidents = new ConcurrentHashMap<>();
    private final int maxResolved;
    // bumped after each change is in the map, so a reader that sees a version also sees its data
    private final AtomicLong healthVersion = new AtomicLong();
    private final AtomicLong incidentsVersion = new AtomicLong();
    /** Why the store cannot answer yet (its feed has not caught up, or cannot reach Kafka), or null when it can. */
    private volatile String notReady;

    public InMemoryLiveStore(int maxResolved) {
        if (maxResolved < 0) {
            throw new IllegalArgumentException("maxResolved must be >= 0, was " + maxResolved);
        }
        this.maxResolved = maxResolved;
    }

    public InMemoryLiveStore() {
        this(10_000);
    }

    /**
     * From now on every query throws {@link LiveStoreUnavailable} with {@code reason} (the API answers
     * 503): an empty answer would say "nothing is wrong" when the store simply does not know yet.
     */
    public void markNotReady(String reason) {
        notReady = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** The store's feed has caught up: queries answer again. */
    public void markReady() {
        notReady = null;
    }

    private void requireReady() {
        String reason = notReady;
        if (reason != null) {
            throw new LiveStoreUnavailable(reason, null);
        }
    }

    public void accept(HealthView change) {
        health.merge(change.serviceId(), change,
                (old, neu) -> neu.eventTime().isBefore(old.eventTime()) ? old : neu);
        healthVersion.incrementAndGet();
    }

    public void accept(IncidentDetail revision) {
        incidents.merge(revision.incident().id(), revision,
                (old, neu) -> neu.incident().revision() < old.incident().revision() ? old : neu);
        if (!revision.incident().isOpen()) {
            trimResolved();
        }
        incidentsVersion.incrementAndGet();
    }

    private void trimResolved() {
        List<IncidentDetail> resolved = incidents.values().stream().filter(d -> !d.incident().isOpen())
                .sorted(NEWEST_FIRST).toList();
        for (int i = maxResolved; i < resolved.size(); i++) {
            incidents.remove(resolved.get(i).incident().id(), resolved.get(i));
        }
    }

    @Override
    public OptionalLong healthVersion() {
        return OptionalLong.of(healthVersion.get());
    }

    @Override
    public OptionalLong incidentsVersion() {
        return OptionalLong.of(incidentsVersion.get());
    }

    @Override
    public Optional<HealthView> health(String serviceId) {
        requireReady();
        return Optional.ofNullable(health.get(serviceId));
    }

    @Override
    public List<HealthView> notUp() {
        requireReady();
        return health.values().stream().filter(h -> !h.isUp())
                .sorted(Comparator.comparing(HealthView::eventTime).reversed().thenComparing(HealthView::serviceId))
                .toList();
    }

    @Override
    public List<IncidentDetail> incidents(boolean includeResolved) {
        requireReady();
        return incidents.values().stream().filter(d -> includeResolved || d.incident().isOpen())
                .sorted(NEWEST_FIRST).toList();
    }

    @Override
    public Optional<IncidentDetail> incident(String id) {
        requireReady();
        return Optional.ofNullable(incidents.get(id));
    }
}
