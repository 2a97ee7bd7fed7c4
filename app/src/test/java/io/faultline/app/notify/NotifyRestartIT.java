package io.faultline.app.notify;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.avro.IncidentState;
import io.faultline.notify.ChannelKind;
import io.faultline.notify.NotifyService;
import io.faultline.notify.Subscription;
import io.faultline.notify.SubscriptionFilter;
import io.faultline.notify.SubscriptionsFile;
import io.faultline.notify.delivery.BackOff;
import io.faultline.notify.delivery.DeliveryMetrics;
import io.faultline.notify.delivery.HttpSender;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.faultline.app.notify.IncidentRevisions.revision;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart of the notify stage in the middle of an incident, on the real embedded broker and registry: the
 * second process reads the compacted delivery log, re-reads the incidents topic from the beginning, and sends only
 * what the first had not had acknowledged — every revision reaches the receiver exactly once.
 */
class NotifyRestartIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ID = "aws-us-east-1-restart";

    @Test
    void a_restart_mid_incident_re_sends_nothing_that_was_acknowledged() throws Exception {
        EmbeddedStack stack = STACK.stack();
        try (LocalReceiver receiver = new LocalReceiver()) {
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            SubscriptionsFile.Contents subs = new SubscriptionsFile.Contents("http://127.0.0.1:8080", List.of(
                    new Subscription("hook", ChannelKind.WEBHOOK, URI.create(receiver.url("/hook")), "secret",
                            SubscriptionFilter.everything(), Duration.ZERO)));
            BackOff quick = new BackOff(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), 3);

            try (IncidentRevisions incidents = new IncidentRevisions(stack.bootstrapServers(), stack.topics(), registry)) {
                try (NotifyService first = start(stack, registry, subs, quick)) {
                    incidents.write(revision(ID, 1, IncidentState.SUSPECTED, "aws/us-east-1", 0.6, 0, "coinbase"));
                    incidents.write(revision(ID, 2, IncidentState.SUSPECTED, "aws/us-east-1", 0.6, 1, "coinbase", "venmo"));
                    receiver.await("/hook", r -> ReceiversIT.keys(r).contains(ID + ":2"), WAIT);
                    assertThat(first.awaitDelivered(WAIT)).isTrue();
                }
                // while notify is down, the incident moves on
                incidents.write(revision(ID, 3, IncidentState.CONFIRMED, "aws/us-east-1", 0.9, 2, "coinbase", "venmo"));

                try (NotifyService second = start(stack, registry, subs, quick)) {
                    assertThat(second.restored()).isEqualTo(1);
                    incidents.write(revision(ID, 4, IncidentState.RESOLVED, "aws/us-east-1", 0.9, 60, "coinbase", "venmo"));
                    receiver.await("/hook", r -> ReceiversIT.keys(r).contains(ID + ":4"), WAIT);
                    assertThat(second.awaitDelivered(WAIT)).isTrue();
                    assertThat(second.revisionsRead()).as("the second process re-read the topic from its start")
                            .isGreaterThanOrEqualTo(3);
                }
            }
            assertThat(ReceiversIT.keys(receiver.on("/hook"))).containsExactly(ID + ":1", ID + ":2", ID + ":3", ID + ":4");
        }
    }

    private static NotifyService start(EmbeddedStack stack, SchemaRegistry registry, SubscriptionsFile.Contents subs,
                                       BackOff backOff) {
        return NotifyService.start(stack.bootstrapServers(), stack.topics(), registry, subs,
                HttpSender.jdk(Duration.ofSeconds(5)), backOff, new DeliveryMetrics(new SimpleMeterRegistry()));
    }
}
