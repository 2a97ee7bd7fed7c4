package io.faultline.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.avro.AlertDelivery;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.IncidentState;
import io.faultline.notify.CatalogIndex;
import io.faultline.notify.NotifyService;
import io.faultline.notify.SubscriptionsFile;
import io.faultline.notify.delivery.BackOff;
import io.faultline.notify.delivery.DeliveryMetrics;
import io.faultline.notify.delivery.HttpSender;
import io.faultline.notify.delivery.KafkaDeliveryRecords;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.faultline.app.notify.IncidentRevisions.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notify stage end to end on the real embedded broker and registry: incident revisions committed to the
 * incidents topic reach local HTTP receivers on loopback as a signed webhook, a Slack Block Kit message and
 * PagerDuty Events v2 — one open, updates on change, the resolve, nothing for an incident outside the stack — a
 * refused delivery is retried after Retry-After, a hopeless one lands in the dead-letter topic with its reason,
 * and every acknowledgement is in the compacted delivery log.
 */
class ReceiversIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SECRET = "it-signing-secret";
    static final String AWS = "aws-us-east-1-it";
    static final String OTHER = "cloudflare-it";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void alerts_reach_webhook_slack_and_pagerduty_receivers_signed_once_per_revision_with_a_resolve() throws Exception {
        EmbeddedStack stack = STACK.stack();
        try (LocalReceiver receiver = new LocalReceiver()) {
            receiver.refuse("/hook", 1, 503);
            receiver.refuse("/gone", 100, 410);
            Path file = workDir.resolve("subscriptions.yaml");
            Files.writeString(file, """
                    version: 1
                    apiUrl: http://faultline.example:8080
                    subscriptions:
                      - id: shop-webhook
                        channel: webhook
                        url: %s
                        secretEnv: IT_HOOK_SECRET
                        updateThrottle: 0s
                        filters:
                          stack: [venmo, www.coinbase.com]
                      - id: chat
                        channel: slack
                        urlEnv: IT_SLACK_URL
                        filters:
                          stack: [venmo]
                          minState: CONFIRMED
                      - id: pager
                        channel: pagerduty
                        url: %s
                        secretEnv: IT_PD_KEY
                        updateThrottle: 0s
                        filters:
                          providers: [aws]
                      - id: gone
                        channel: webhook
                        url: %s
                        secretEnv: IT_HOOK_SECRET
                        updateThrottle: 0s
                        filters:
                          providers: [aws]
                    """.formatted(receiver.url("/hook"), receiver.url("/pd"), receiver.url("/gone")));
            SubscriptionsFile.Contents subs = SubscriptionsFile.load(file,
                    new CatalogIndex(Set.of("venmo", "coinbase", "slack", "discord"), Map.of("coinbase.com", "coinbase")),
                    Map.of("IT_HOOK_SECRET", SECRET, "IT_SLACK_URL", receiver.url("/slack"), "IT_PD_KEY", "it-routing-key"));
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            BackOff quick = new BackOff(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), 3);
            DeliveryMetrics metrics = new DeliveryMetrics(new SimpleMeterRegistry());

            try (IncidentRevisions incidents = new IncidentRevisions(stack.bootstrapServers(), stack.topics(), registry);
                 NotifyService notify = NotifyService.start(stack.bootstrapServers(), stack.topics(), registry, subs,
                         HttpSender.jdk(Duration.ofSeconds(5)), quick, metrics)) {
                garbage(stack, "not avro at all");
                incidents.write(
                        revision(AWS, 1, IncidentState.SUSPECTED, "aws/us-east-1", 0.6, 0, "coinbase", "slack"),
                        revision(OTHER, 1, IncidentState.CONFIRMED, "cloudflare", 0.9, 0, "discord"));
                incidents.write(revision(AWS, 2, IncidentState.SUSPECTED, "aws/us-east-1", 0.65, 1, "coinbase", "slack"));
                incidents.write(revision(AWS, 3, IncidentState.CONFIRMED, "aws/us-east-1", 0.9, 2, "coinbase", "slack", "venmo"));
                incidents.write(revision(AWS, 4, IncidentState.RESOLVED, "aws/us-east-1", 0.9, 60, "coinbase", "slack", "venmo"));

                // webhook: open (rev 1), update (rev 3: venmo joined and state changed), resolve (rev 4); rev 2 changed
                // nothing the subscriber cares about. The first try was refused with 503 + Retry-After and retried.
                List<LocalReceiver.Received> hook = receiver.await("/hook", r -> keys(r).contains(AWS + ":4"), WAIT);
                assertThat(keys(hook)).containsExactly(AWS + ":1", AWS + ":1", AWS + ":3", AWS + ":4");
                assertThat(hook.get(0).body()).isEqualTo(hook.get(1).body());
                for (LocalReceiver.Received r : hook) {
                    assertThat(r.header("X-Faultline-Signature")).isEqualTo("sha256=" + hmac(SECRET, r.body()));
                    assertThat(r.header("Content-Type")).isEqualTo("application/json");
                }
                JsonNode open = JSON.readTree(hook.get(1).body());
                assertThat(open.get("schema").asText()).isEqualTo("faultline.alert.v1");
                assertThat(open.get("event").asText()).isEqualTo("open");
                assertThat(open.at("/incident/cause/id").asText()).isEqualTo("aws/us-east-1");
                JsonNode update = JSON.readTree(hook.get(2).body());
                assertThat(update.get("event").asText()).isEqualTo("update");
                assertThat(update.at("/affected/0/id").asText()).as("the subscriber's own first").isIn("coinbase", "venmo");
                assertThat(update.at("/affected/2/id").asText()).isEqualTo("slack");
                assertThat(JSON.readTree(hook.get(3).body()).get("event").asText()).isEqualTo("resolve");

                // Slack: CONFIRMED minimum and venmo's stack: the open comes at rev 3, then the resolve
                List<LocalReceiver.Received> slack = receiver.await("/slack", r -> r.size() >= 2, WAIT);
                JsonNode message = JSON.readTree(slack.get(0).body());
                assertThat(message.at("/blocks/0/type").asText()).isEqualTo("header");
                assertThat(message.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
                assertThat(message.at("/blocks/1/fields/0/text").asText()).startsWith("*Cause*").contains("aws/us-east-1");
                assertThat(message.at("/blocks/2/text/text").asText()).contains("*Venmo*");
                assertThat(message.at("/blocks/2/text/text").asText().indexOf("Venmo"))
                        .isLessThan(message.at("/blocks/2/text/text").asText().indexOf("Coinbase"));
                assertThat(message.at("/blocks/3/elements/0/text").asText())
                        .contains("http://faultline.example:8080/api/v1/incidents/" + AWS);
                assertThat(JSON.readTree(slack.get(1).body()).get("text").asText()).startsWith("Resolved");

                // PagerDuty: trigger, trigger (the state change), resolve, all with the incident as dedup_key
                List<LocalReceiver.Received> pd = receiver.await("/pd", r -> r.size() >= 3, WAIT);
                List<String> actions = new ArrayList<>();
                for (LocalReceiver.Received r : pd) {
                    JsonNode e = JSON.readTree(r.body());
                    assertThat(e.get("routing_key").asText()).isEqualTo("it-routing-key");
                    assertThat(e.get("dedup_key").asText()).isEqualTo(AWS);
                    actions.add(e.get("event_action").asText());
                }
                assertThat(actions).containsExactly("trigger", "trigger", "resolve");
                JsonNode trigger = JSON.readTree(pd.get(0).body());
                assertThat(trigger.at("/payload/summary").asText()).isNotBlank();
                assertThat(trigger.at("/payload/source").asText()).isEqualTo("aws/us-east-1");
                assertThat(trigger.at("/payload/severity").asText()).isEqualTo("warning");
                assertThat(JSON.readTree(pd.get(1).body()).at("/payload/severity").asText()).isEqualTo("critical");

                // nothing at all for the Cloudflare incident, which touches none of these stacks or providers
                assertThat(receiver.on("/hook")).noneMatch(r -> r.text().contains(OTHER));
                assertThat(receiver.on("/slack")).noneMatch(r -> r.text().contains(OTHER));
                assertThat(receiver.on("/pd")).noneMatch(r -> r.text().contains(OTHER));

                assertThat(notify.awaitDelivered(WAIT)).isTrue();
            }
            // the receiver that answers 410 Gone: dead-lettered at once, with the reason and the body
            List<DeadLetter> all = read(stack, stack.topics().deadLetters.name(), stack.topics().deadLetters.serde(registry)
                    .deserializer(), 4);
            // the undecodable incidents record: kept whole with its reason, and the stage went on
            assertThat(all).filteredOn(d -> d.getSource().equals(stack.topics().incidents.name()))
                    .singleElement().satisfies(d -> {
                        assertThat(d.getErrorType()).isEqualTo("UNKNOWN_MAGIC_BYTE");
                        assertThat(StandardCharsets.UTF_8.decode(d.getPayload()).toString()).isEqualTo("not avro at all");
                    });
            List<DeadLetter> dead = all.stream().filter(d -> d.getSource().startsWith("notify.")).toList();
            assertThat(dead).hasSize(3).extracting(DeadLetter::getSource).containsOnly("notify.gone");
            assertThat(dead.get(0).getReason()).startsWith("HTTP 410");
            assertThat(dead.get(0).getContext()).containsEntry("incident", AWS).containsEntry("attempts", "1");
            assertThat(dead.get(0).getPayload().remaining()).isPositive();

            List<AlertDelivery> log = KafkaDeliveryRecords.readAll(stack.bootstrapServers(), stack.topics(), registry, WAIT);
            assertThat(log).extracting(d -> d.getSubscriptionId() + "|" + d.getIncidentId() + "@" + d.getRevision())
                    .containsExactlyInAnyOrder("shop-webhook|" + AWS + "@4", "chat|" + AWS + "@4", "pager|" + AWS + "@4");
        }
    }

    /** A record on the incidents topic that is not in the Confluent wire format. */
    static void garbage(EmbeddedStack stack, String text) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(stack.topics().incidents.name(), "junk", text)).get();
        }
    }

    static List<String> keys(List<LocalReceiver.Received> received) {
        return received.stream().map(r -> r.header("Idempotency-Key")).toList();
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** At least {@code n} records of a topic, read from the beginning. */
    static <V> List<V> read(EmbeddedStack stack, String topic, org.apache.kafka.common.serialization.Deserializer<V> values,
                            int n) {
        java.util.Properties p = new java.util.Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "notify-it-" + java.util.UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            c.subscribe(List.of(topic));
            // the consumer is not thread-safe: poll it in the test's own thread
            await().atMost(WAIT).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, V> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
                return out.size() >= n;
            });
        }
        return out;
    }
}
