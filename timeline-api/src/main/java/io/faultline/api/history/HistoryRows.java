package io.faultline.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.faultline.api.model.BlastPoint;
import io.faultline.api.model.CauseView;
import io.faultline.api.model.EventView;
import io.faultline.api.model.EvidenceView;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.MemberView;

/** Maps result rows of {@link HistorySql}'s queries to API views. Empty strings in storage mean "none" (null). */
public final class HistoryRows {

    private HistoryRows() {
    }

    public static IncidentView incident(Row r) {
        String componentId = blankToNull(r.string("cause_component_id"));
        double pValue = r.float64("p_value");
        CauseView cause = new CauseView(componentId, r.string("cause_name"), blankToNull(r.string("cause_kind")),
                r.float64("confidence"), Double.isNaN(pValue) ? null : pValue, (int) r.int64("impaired_dependents"),
                (int) r.int64("total_dependents"), r.bool("status_page_agrees"), r.strings("reasons"));
        return new IncidentView(r.string("incident_id"), r.int64("revision"), r.string("state"), r.string("title"), cause,
                r.string("provider"), r.string("region"), r.strings("service_ids"), (int) r.int64("member_count"),
                (int) r.int64("active_member_count"), instant(r.int64("opened_ms")), instant(r.int64("first_impaired_ms")),
                instantOrNull(r.int64OrNull("resolved_ms")), instant(r.int64("event_ms")));
    }

    public static MemberView member(Row r) {
        return new MemberView(r.string("service_id"), r.string("service_name"), r.string("state"),
                instant(r.int64("joined_ms")), instantOrNull(r.int64OrNull("left_ms")), blankToNull(r.string("region")));
    }

    public static EventView event(Row r) {
        return new EventView(instant(r.int64("time_ms")), r.string("kind"), r.string("message"),
                blankToNull(r.string("service_id")), blankToNull(r.string("component_id")));
    }

    public static HealthView health(Row r) {
        List<String> sources = r.strings("ev_source");
        List<String> details = r.strings("ev_detail");
        List<Long> times = r.int64s("ev_time_ms");
        List<Double> weights = r.float64s("ev_weight");
        if (details.size() != sources.size() || times.size() != sources.size() || weights.size() != sources.size()) {
            throw new IllegalStateException("evidence arrays differ in length: " + sources.size() + ", " + details.size()
                    + ", " + times.size() + ", " + weights.size());
        }
        List<EvidenceView> evidence = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            evidence.add(new EvidenceView(sources.get(i), details.get(i), instant(times.get(i)), weights.get(i)));
        }
        return new HealthView(r.string("service_id"), r.string("state"), r.string("previous_state"), r.float64("confidence"),
                instant(r.int64("since_ms")), blankToNull(r.string("region")), evidence, instant(r.int64("event_ms")));
    }

    public static BlastPoint blastPoint(Row r) {
        return new BlastPoint(instant(r.int64("bucket_ms")), r.int64("impaired"), r.int64("incidents"));
    }

    /** Every bucket of [from, to) in order, zero where the query returned no row. */
    public static List<BlastPoint> fillBuckets(List<BlastPoint> points, Instant from, Instant to, Duration step) {
        Map<Instant, BlastPoint> byBucket = new LinkedHashMap<>();
        points.forEach(p -> byBucket.put(p.bucket(), p));
        List<BlastPoint> out = new ArrayList<>();
        for (Instant b = from; b.isBefore(to); b = b.plus(step)) {
            out.add(byBucket.getOrDefault(b, new BlastPoint(b, 0, 0)));
        }
        return out;
    }

    private static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private static Instant instantOrNull(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
