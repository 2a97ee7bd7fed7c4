package io.faultline.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Incident revisions for tests, with named instants. */
final class Views {

    static final Instant T0 = Instant.parse("2021-12-07T15:31:00Z");

    private Views() {
    }

    static IncidentView.Member down(String id) {
        return new IncidentView.Member(id, id.substring(0, 1).toUpperCase() + id.substring(1), "DOWN", "us-east-1", true);
    }

    static IncidentView.Member recovered(String id) {
        return new IncidentView.Member(id, id, "UP", "us-east-1", false);
    }

    static IncidentView revision(long rev, String state, String cause, double confidence, Instant at,
                                 IncidentView.Member... members) {
        String provider = cause == null ? IncidentView.NONE : cause.split("/")[0];
        String region = cause != null && cause.contains("/") ? cause.split("/")[1] : IncidentView.NONE;
        return new IncidentView("inc-1", rev, state, "title", cause, cause == null ? "unknown shared cause" : cause.toUpperCase(),
                cause != null && cause.contains("/") ? "REGION" : "PROVIDER", confidence, provider, region,
                List.copyOf(Arrays.asList(members)), T0, IncidentView.RESOLVED.equals(state) ? at : null, at);
    }
}
