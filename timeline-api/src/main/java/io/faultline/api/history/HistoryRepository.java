package io.faultline.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.faultline.api.model.BlastPoint;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.Page;

/** The history store (ClickHouse): incidents, their members and timelines, health changes over time. */
public interface HistoryRepository {

    Page<IncidentView> incidents(IncidentQuery query) throws Exception;

    Optional<IncidentDetail> incident(String id) throws Exception;

    /** Health changes of one service with event time in [from, to), oldest first, at most limit. */
    List<HealthView> serviceHealth(String serviceId, Instant from, Instant to, int limit) throws Exception;

    /** Per step-long bucket of [from, to): services of the provider impaired in it (region optional, "" = all). */
    List<BlastPoint> blastRadius(String provider, String region, Instant from, Instant to, Duration step) throws Exception;

    /** Throws when the store cannot be reached now ({@code /readyz}); the default knows no better than "reachable". */
    default void ping() throws Exception {
    }
}
