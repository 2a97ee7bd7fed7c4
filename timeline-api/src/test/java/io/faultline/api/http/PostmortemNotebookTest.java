package io.faultline.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.faultline.api.Fixtures;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.model.EventView;
import io.faultline.api.model.IncidentDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/postmortem.ipynb with Debian's jupyter-nbconvert against a running API whose
 * live store holds a hand-made incident, and checks the figures it writes. Skipped, with the
 * reason printed, where nbconvert is not installed.
 */
class PostmortemNotebookTest {

    static Optional<Path> nbconvert() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "jupyter-nbconvert");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs the notebook against the API on {@code port} (token nb-token), figures into work/figures; fails on a non-zero exit. */
    static void execute(Path nbconvert, Path work, int port, Map<String, String> env) throws Exception {
        Path notebook = Path.of(System.getProperty("faultline.home", "..")).resolve("notebooks/postmortem.ipynb");
        ProcessBuilder pb = new ProcessBuilder(nbconvert.toString(), "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", work.toString(), "--output", "executed.ipynb",
                notebook.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("nbconvert.log").toFile());
        pb.environment().put("FAULTLINE_API_URL", "http://127.0.0.1:" + port);
        pb.environment().put("FAULTLINE_API_TOKEN", "nb-token");
        pb.environment().put("FAULTLINE_FIGURES_DIR", work.resolve("figures").toString());
        pb.environment().put("MPLCONFIGDIR", work.resolve("mpl").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String log = Files.readString(work.resolve("nbconvert.log"));
        assertThat(done).as("nbconvert finished: " + log).isTrue();
        assertThat(p.exitValue()).as("nbconvert exit code: " + log).isZero();
    }

    @Test
    void notebookRunsAgainstTheApiAndWritesItsFigures(@TempDir Path work) throws Exception {
        Optional<Path> tool = nbconvert();
        String reason = "PostmortemNotebookTest SKIPPED: jupyter-nbconvert is not on PATH (apt-get install jupyter-nbconvert "
                + "python3-nbclient python3-ipykernel python3-pandas python3-matplotlib python3-requests)";
        if (tool.isEmpty()) {
            System.out.println(reason);
        }
        assumeTrue(tool.isPresent(), reason);

        IncidentDetail base = Fixtures.awsIncident(3, "RESOLVED");
        List<EventView> timeline = new ArrayList<>(base.timeline());
        timeline.add(new EventView(Fixtures.T3.minusSeconds(1200), "STATUS_PAGE", "AWS acknowledges increased error rates",
                null, "aws/us-east-1"));
        InMemoryLiveStore live = new InMemoryLiveStore();
        live.accept(new IncidentDetail(base.incident(), base.members(), timeline));
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.of("nb-token"), List.of(), Duration.ofSeconds(5)),
                live, Optional.empty(), Clock.systemUTC())) {
            execute(tool.get(), work, api.port(), Map.of());
        }
        for (String figure : List.of("incident_timeline.png", "services_joining.png", "detection_lead.png")) {
            assertThat(work.resolve("figures").resolve(figure)).as(figure).exists();
            assertThat(Files.size(work.resolve("figures").resolve(figure))).as(figure).isGreaterThan(1_000);
        }
        assertThat(Files.readString(work.resolve("executed.ipynb")))
                .contains("detection led the acknowledgement by 27.0 min");
    }
}
