package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.faultline.app.CliRun;
import io.faultline.app.Faultline;

class IngestSocialCommandTest {

    private static CliRun run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new Faultline());
        IngestSocialCommand social = (IngestSocialCommand) cli.getSubcommands().get("ingest").getSubcommands().get("social")
                .getCommand();
        social.env = env;
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 1;
        });
        return CliRun.run(cli, args);
    }

    @Test
    void helpNamesThePlatformsAndTheTokenVariables() {
        CliRun r = run(Map.of(), "ingest", "social", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: faultline ingest social", "--platform", "--max-posts", "--mastodon-hashtag",
                "FAULTLINE_X_BEARER_TOKEN", "FAULTLINE_MASTODON_ACCESS_TOKEN", "--allow-private-addresses");
    }

    @Test
    void xWithoutATokenFailsBeforeConnectingAndNamesTheVariable() {
        CliRun r = run(Map.of(), "ingest", "social", "--platform", "x", "--catalog", "../catalog",
                "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("FAULTLINE_X_BEARER_TOKEN is not set");
    }

    @Test
    void badSettingsAreNamed() {
        CliRun platform = run(Map.of(), "ingest", "social", "--platform", "myspace", "--bootstrap-servers", "b",
                "--registry-url", "http://r");
        assertThat(platform.code()).isEqualTo(2);
        assertThat(platform.err()).contains("--platform", "x, bluesky, mastodon");
        CliRun url = run(Map.of(), "ingest", "social", "--platform", "bluesky", "--jetstream-url", "http://example.org/",
                "--bootstrap-servers", "b", "--registry-url", "http://r");
        assertThat(url.code()).isEqualTo(1);
        assertThat(url.err()).contains("--jetstream-url", "ws or wss");
        CliRun max = run(Map.of(), "ingest", "social", "--platform", "bluesky", "--max-posts", "-1",
                "--bootstrap-servers", "b", "--registry-url", "http://r");
        assertThat(max.err()).contains("--max-posts");
    }
}
