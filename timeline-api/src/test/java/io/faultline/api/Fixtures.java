package io.faultline.api;

import java.time.Instant;
import java.util.List;

import io.faultline.api.model.CauseView;
import io.faultline.api.model.EventView;
import io.faultline.api.model.EvidenceView;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.MemberView;

/** A hand-made AWS us-east-1 incident (shaped like 2021-12-07) and health changes, with named instants. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    public static final Instant T1 = Instant.parse("2021-12-07T15:35:00Z");
    public static final Instant T2 = Instant.parse("2021-12-07T15:41:00Z");
    public static final Instant T3 = Instant.parse("2021-12-07T16:22:00Z");
    public static final String INCIDENT_ID = "inc-aws-us-east-1-20211207";

    private Fixtures() {
    }

    public static IncidentDetail awsIncident(long revision, String state) {
        CauseView cause = new CauseView("aws/us-east-1", "AWS US East (N. Virginia)", "REGION", 0.97, 1e-9, 3, 40, false,
                List.of("3 of 40 dependents impaired within 10 minutes"));
        IncidentView v = new IncidentView(INCIDENT_ID, revision, state, "AWS us-east-1: 3 services impaired", cause, "aws",
                "us-east-1", List.of("coinbase", "slack", "venmo"), 3, 3, T1, T0, "RESOLVED".equals(state) ? T3 : null, T2);
        return new IncidentDetail(v,
                List.of(new MemberView("coinbase", "Coinbase", "DOWN", T0, null, "us-east-1"),
                        new MemberView("slack", "Slack", "DEGRADED", T1, null, null),
                        new MemberView("venmo", "Venmo", "DOWN", T2, null, "us-east-1")),
                List.of(new EventView(T1, "OPENED", "opened: 2 services impaired", null, "aws/us-east-1"),
                        new EventView(T2, "MEMBER_JOINED", "Venmo joined", "venmo", null),
                        new EventView(T2, "CONFIRMED", "confirmed", null, "aws/us-east-1")));
    }

    public static HealthView health(String service, String state, Instant at) {
        return new HealthView(service, state, "UP", 0.9, at, "us-east-1",
                List.of(new EvidenceView("STATUS_PAGE", "major outage", at, 1.0)), at);
    }
}
