package io.faultline.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.faultline.api.history.ClickHouseHistoryRepository;
import io.faultline.api.history.EngineHistory;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.clickhouse.engine.ClickHouseEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-mortem notebook against the history endpoints: the API serves {@code /api/v1/incidents/{id}}
 * from the real ClickHouse engine holding {@link EngineHistory}'s outage (the live store is empty),
 * and the notebook draws its figures from it. Skipped, with the reason printed, without
 * jupyter-nbconvert or the engine.
 */
class PostmortemNotebookOnHistoryIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    @Test
    void notebookRunsAgainstTheHistoryEndpoints(@TempDir Path work) throws Exception {
        Optional<Path> tool = PostmortemNotebookTest.nbconvert();
        String reason = "PostmortemNotebookOnHistoryIT SKIPPED: jupyter-nbconvert is not on PATH (apt-get install "
                + "jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas python3-matplotlib python3-requests)";
        if (tool.isEmpty()) {
            System.out.println(reason);
        }
        assumeTrue(tool.isPresent(), reason);
        String url = EngineHistory.migratedDatabase(CLICKHOUSE, "notebook");
        EngineHistory.load(url);
        ClickHouseHistoryRepository history = new ClickHouseHistoryRepository(() -> EngineHistory.connect(url), Duration.ofSeconds(10));
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.of("nb-token"), List.of(), Duration.ofSeconds(10)),
                new InMemoryLiveStore(), Optional.of(history), Clock.systemUTC())) {
            PostmortemNotebookTest.execute(tool.get(), work, api.port(), Map.of("FAULTLINE_INCIDENT_ID", "inc-aws"));
        }
        for (String figure : List.of("incident_timeline.png", "services_joining.png", "detection_lead.png")) {
            assertThat(work.resolve("figures").resolve(figure)).as(figure).exists();
            assertThat(Files.size(work.resolve("figures").resolve(figure))).as(figure).isGreaterThan(1_000);
        }
        // opened at T0+3 min, AWS's status page acknowledged at T0+20 min (EngineHistory)
        assertThat(Files.readString(work.resolve("executed.ipynb"))).contains("inc-aws: AWS us-east-1")
                .contains("detection led the acknowledgement by 17.0 min");
    }
}
