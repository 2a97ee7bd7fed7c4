package io.faultline.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionsFileTest {

    static final CatalogIndex CATALOG = new CatalogIndex(Set.of("venmo", "coinbase", "aws", "aws/us-east-1"),
            Map.of("venmo.com", "venmo", "coinbase.com", "coinbase"));
    static final Map<String, String> ENV = Map.of("HOOK_SECRET", "s3cret", "PD_KEY", "R0UTING", "SLACK_URL",
            "https://hooks.slack.com/services/T/B/X");

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("subs.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void a_valid_file_resolves_domains_to_catalog_ids_and_reads_secrets_from_the_environment() throws Exception {
        Path f = file("""
                version: 1
                apiUrl: https://faultline.example.org
                subscriptions:
                  - id: shop
                    channel: webhook
                    url: https://hooks.example.org/faultline
                    secretEnv: HOOK_SECRET
                    updateThrottle: 30m
                    filters:
                      stack: [venmo, api.coinbase.com]
                      providers: [aws]
                      regions: [us-east-1]
                      minState: confirmed
                      minConfidence: 0.7
                  - id: chat
                    channel: slack
                    urlEnv: SLACK_URL
                  - id: pager
                    channel: pagerduty
                    url: https://events.pagerduty.com/v2/enqueue
                    secretEnv: PD_KEY
                """);
        SubscriptionsFile.Contents c = SubscriptionsFile.load(f, CATALOG, ENV);
        assertThat(c.apiUrl()).isEqualTo("https://faultline.example.org");
        Subscription shop = c.subscriptions().get(0);
        assertThat(shop.filter().stack()).containsExactlyInAnyOrder("venmo", "coinbase");
        assertThat(shop.filter().minState()).isEqualTo("CONFIRMED");
        assertThat(shop.filter().minConfidence()).isEqualTo(0.7);
        assertThat(shop.updateThrottle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(shop.secret()).isEqualTo("s3cret");
        assertThat(c.subscriptions().get(1).url().getHost()).isEqualTo("hooks.slack.com");
        assertThat(c.subscriptions().get(1).toString()).doesNotContain("/services/");
        assertThat(c.subscriptions().get(2).secret()).isEqualTo("R0UTING");
        assertThat(c.subscriptions().get(2).updateThrottle()).isEqualTo(Subscription.DEFAULT_UPDATE_THROTTLE);
    }

    private void refused(String yaml, String... says) throws Exception {
        Path f = file(yaml);
        assertThatThrownBy(() -> SubscriptionsFile.load(f, CATALOG, ENV)).isInstanceOf(SubscriptionsException.class)
                .hasMessageStartingWith(f + ": ").hasMessageContainingAll(says);
    }

    @Test
    void each_mistake_names_the_file_and_the_field_path() throws Exception {
        String head = "version: 1\nsubscriptions:\n  - id: a\n    channel: webhook\n    url: http://x.example/\n    secretEnv: HOOK_SECRET\n";
        refused("version: 2\nsubscriptions: []\n", "version: must be 1");
        refused("version: 1\nsubscriptions: []\n", "subscriptions: must be a non-empty list");
        refused(head + "    filters:\n      minState: LIKELY\n", "subscriptions[0].filters.minState", "SUSPECTED or CONFIRMED");
        refused(head + "    filters:\n      minConfidence: 1.5\n", "subscriptions[0].filters.minConfidence", "0 to 1");
        refused(head + "    filters:\n      stack: [venmo, nowhere.example]\n", "subscriptions[0].filters.stack[1]",
                "'nowhere.example' is neither a catalog id nor a domain");
        refused(head + "    updateThrottle: soon\n", "subscriptions[0].updateThrottle", "a duration");
        refused(head + "    colour: red\n", "subscriptions[0].colour: unknown field");
        refused(head + "  - id: a\n    channel: alertmanager\n    url: http://am.example:9093\n", "subscriptions[1].id",
                "used twice");
        refused("version: 1\nsubscriptions:\n  - id: a\n    channel: email\n    url: http://x.example/\n",
                "subscriptions[0].channel", "'email' is not a channel");
        refused("version: 1\nsubscriptions:\n  - id: a\n    channel: webhook\n    url: ftp://x.example/\n    secretEnv: HOOK_SECRET\n",
                "subscriptions[0].url", "http(s) URL");
        refused("version: 1\nsubscriptions:\n  - id: a\n    channel: webhook\n    url: http://x.example/\n    secretEnv: MISSING_VAR\n",
                "subscriptions[0].secretEnv", "MISSING_VAR is not set");
        refused("version: 1\nsubscriptions:\n  - id: a\n    channel: webhook\n    url: http://x.example/\n", "subscriptions[0].secretEnv",
                "is required");
        refused("subscriptions: [\n", "not valid YAML", "line");
    }

    @Test
    void secrets_never_go_in_the_file() throws Exception {
        String head = "version: 1\nsubscriptions:\n  - id: a\n    channel: webhook\n    url: http://x.example/\n";
        refused(head + "    secretEnv: 'hunter2-is-my-secret!'\n", "subscriptions[0].secretEnv", "NAME of an environment variable");
        refused(head + "    secret: hunter2\n", "subscriptions[0].secret: unknown field", "secrets never go in this file");
        refused("version: 1\nsubscriptions:\n  - id: a\n    channel: slack\n    url: https://hooks.slack.com/services/T/B/X\n",
                "subscriptions[0].url", "credential", "urlEnv");
    }

    @Test
    void a_missing_file_is_named() {
        Path f = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> SubscriptionsFile.load(f, CATALOG, ENV)).hasMessage(f + ": no such subscriptions file");
    }
}
