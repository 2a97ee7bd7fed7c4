package io.faultline.app.run;

import io.faultline.notify.ChannelKind;
import io.faultline.notify.Subscription;
import io.faultline.notify.SubscriptionsFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import io.faultline.app.catalog.CatalogCommand;

/** The example subscriptions file in infra/ validates against the real catalog, domains resolved to its entries. */
class SubscriptionsExampleTest {

    @Test
    void the_example_file_is_valid_against_the_catalog() {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        SubscriptionsFile.Contents c = SubscriptionsFile.load(home.resolve("infra/notify/subscriptions.example.yaml"),
                RunNotifyCommand.catalogIndex(CatalogCommand.read(home.resolve("catalog")).requireValid()),
                Map.of("FAULTLINE_SHOP_WEBHOOK_SECRET", "x", "FAULTLINE_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X",
                        "FAULTLINE_PAGERDUTY_ROUTING_KEY", "y"));
        assertThat(c.subscriptions()).extracting(Subscription::channel).containsExactly(ChannelKind.WEBHOOK, ChannelKind.SLACK,
                ChannelKind.PAGERDUTY, ChannelKind.ALERTMANAGER);
        assertThat(c.subscriptions().get(0).filter().stack()).containsExactlyInAnyOrder("coinbase", "venmo");
    }
}
