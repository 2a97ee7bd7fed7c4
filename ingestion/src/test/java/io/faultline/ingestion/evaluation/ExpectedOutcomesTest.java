package io.faultline.ingestion.evaluation;

import io.faultline.core.evaluation.ExpectedOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpectedOutcomesTest {

    private static final Path REPLAYS = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            ".."), "replays");

    @Test
    void every_replay_in_the_library_reads() throws IOException {
        try (Stream<Path> dirs = Files.list(REPLAYS)) {
            long read = dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json")))
                    .map(d -> ExpectedOutcomes.read(d.resolve("expected.json")))
                    .peek(e -> assertThat(e.affectedServices()).isNotEmpty())
                    .count();
            assertThat(read).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aws_2021_facts() {
        ExpectedOutcome aws = ExpectedOutcomes.read(REPLAYS.resolve("aws-us-east-1-2021-12-07/expected.json"));
        assertThat(aws.cause()).isEqualTo("aws/us-east-1");
        assertThat(aws.providerAcknowledged()).isEqualTo(Instant.parse("2021-12-07T16:22:00Z"));
        assertThat(aws.affectedServices()).contains("coinbase", "venmo");
        assertThat(aws.mustNotBlame()).isEmpty();
    }

    @Test
    void crowdstrike_is_a_hard_negative_with_an_allowed_confounder() {
        ExpectedOutcome cs = ExpectedOutcomes.read(REPLAYS.resolve("crowdstrike-2024-07-19/expected.json"));
        assertThat(cs.causeIsCloudOrCdn()).isFalse();
        assertThat(cs.forbidsBlaming("aws/us-east-1")).isTrue();
        assertThat(cs.allowedConfounders()).singleElement()
                .satisfies(c -> assertThat(c.component()).isEqualTo("azure/centralus"));
    }

    @Test
    void a_missing_field_is_named(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("expected.json");
        Files.writeString(file, "{\"replay\":\"x\",\"cause\":\"aws\",\"affectedServices\":[]}");
        assertThatThrownBy(() -> ExpectedOutcomes.read(file)).hasMessageContaining("firstSignal");
    }
}
