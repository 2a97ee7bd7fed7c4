package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import io.faultline.app.CliRun;

class RunCommandTest {

    private static String[] run(String... args) {
        CliRun r = CliRun.runReportingErrors(args);
        return new String[] {Integer.toString(r.code()), r.out(), r.err()};
    }

    @Test
    void streamsHelpListsTheClusterSettings() {
        String[] r = run("run", "streams", "--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("--bootstrap-servers", "--registry-url", "--topic-prefix", "--application-id", "--state-dir", "--api-port");
    }

    @Test
    void badSettingsFailNamingTheSetting() {
        String[] r = run("run", "streams", "--bootstrap-servers", "no port here", "--registry-url", "http://localhost:8081");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("--bootstrap-servers", "host:port");
        r = run("run", "streams", "--bootstrap-servers", "localhost:9092", "--registry-url", "ftp://x");
        assertThat(r[2]).contains("--registry-url", "http://");
        r = run("run", "streams", "--bootstrap-servers", "localhost:9092", "--registry-url", "http://x:1", "--topic-prefix", "a b");
        assertThat(r[2]).contains("--topic-prefix");
        r = run("run", "streams", "--bootstrap-servers", "localhost:9092", "--registry-url", "http://x:1", "--application-id", "a/b");
        assertThat(r[2]).contains("--application-id");
        r = run("run", "streams", "--bootstrap-servers", "localhost:9092", "--registry-url", "http://x:1", "--api-port", "70000");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("--api-port", "0..65535");
    }

    @Test
    void notifyHelpListsItsSettingsAndBadSettingsAreNamed() {
        String[] r = run("run", "notify", "--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("--subscriptions", "--bootstrap-servers", "--registry-url", "--topic-prefix", "--catalog-dir");
        r = run("run", "notify", "--subscriptions", "s.yaml", "--bootstrap-servers", "no port here", "--registry-url", "http://x:1");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("--bootstrap-servers", "host:port");
        r = run("run", "notify", "--subscriptions", "s.yaml", "--bootstrap-servers", "localhost:9092", "--registry-url", "ftp://x");
        assertThat(r[2]).contains("--registry-url", "http://");
        r = run("run", "notify", "--subscriptions", "s.yaml", "--bootstrap-servers", "localhost:9092", "--registry-url", "http://x:1",
                "--topic-prefix", "a b");
        assertThat(r[2]).contains("--topic-prefix");
    }
}
