package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.faultline.ingestion.statuspage.poll.PollResult;
import io.faultline.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StatusPageMetersTest {

    @Test
    void pollResultsCountByOutcomeWithErrors304sAndRecords() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StatusPageMeters meters = new StatusPageMeters(registry, Topics.defaults());
        Duration minute = Duration.ofMinutes(1);
        meters.record(new PollResult("aws", 3, 1, false, List.of(), minute, false));
        meters.record(new PollResult("gcp", 0, 0, true, List.of(), minute, false));
        meters.record(new PollResult("gcp", 0, 0, true, List.of(), minute, false));
        meters.record(new PollResult("slack", 0, 0, false, List.of(), minute, false));
        meters.record(new PollResult("azure", 0, 0, false, List.of("HTTP 503", "timed out"), Duration.ofMinutes(4), true));

        assertThat(count(registry, "changed")).isEqualTo(1);
        assertThat(count(registry, "not_modified")).isEqualTo(2);
        assertThat(count(registry, "unchanged")).isEqualTo(1);
        assertThat(count(registry, "error")).isEqualTo(1);
        assertThat(registry.get("faultline.statuspage.poll.errors").counter().count()).isEqualTo(2);
        assertThat(registry.get("faultline.statuspage.not.modified").counter().count()).isEqualTo(2);
        assertThat(registry.get("faultline.statuspage.backoffs").counter().count()).isEqualTo(1);
        assertThat(registry.get("faultline.records.out").tag("stage", "ingest-statuspages")
                .tag("topic", Topics.defaults().rawStatusPage.name()).counter().count()).isEqualTo(3);
        assertThat(registry.get("faultline.dead.letters").tag("stage", "ingest-statuspages").counter().count()).isEqualTo(1);
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        return registry.get("faultline.statuspage.polls").tag("outcome", outcome).counter().count();
    }
}
