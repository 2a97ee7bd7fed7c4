package io.faultline.notify.delivery;

import io.faultline.notify.Alert;
import io.faultline.notify.AlertKind;
import io.faultline.notify.ChannelKind;
import io.faultline.notify.IncidentView;
import io.faultline.notify.Subscription;
import io.faultline.notify.SubscriptionFilter;
import io.faultline.notify.channel.Webhook;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelWorkerTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:31:00Z");
    static final BackOff BACK_OFF = new BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), 4);

    final List<String> logged = new CopyOnWriteArrayList<>();
    final List<String> deadLetters = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final DeliveryMetrics metrics = new DeliveryMetrics(new SimpleMeterRegistry());

    static Subscription subscription(String id) {
        return new Subscription(id, ChannelKind.WEBHOOK, URI.create("http://127.0.0.1:9/" + id), "k",
                SubscriptionFilter.everything(), Duration.ZERO);
    }

    static Alert alert(String subscription, long revision) {
        IncidentView v = new IncidentView("inc-1", revision, IncidentView.SUSPECTED, "t", "aws", "AWS", "PROVIDER", 0.7,
                "aws", IncidentView.NONE, List.of(), T0, null, T0.plusSeconds(revision));
        return new Alert(subscription, AlertKind.OPEN, v, List.of(), List.of(), null);
    }

    /** Answers from a script, in order; the last answer repeats. */
    static HttpSender scripted(HttpSender.Response... answers) {
        Deque<HttpSender.Response> left = new ArrayDeque<>(List.of(answers));
        return request -> left.size() > 1 ? left.poll() : left.peek();
    }

    ChannelWorker worker(Subscription s, HttpSender sender) {
        return new ChannelWorker(s, new Webhook(s.url(), "k", "http://api"), sender,
                (sub, a, at) -> logged.add(sub.id() + ":" + a.idempotencyKey()),
                (sub, a, req, reason, attempts) -> deadLetters.add(sub.id() + ":" + a.idempotencyKey() + " after "
                        + attempts + ": " + reason),
                BACK_OFF, metrics, waits::add, Clock.systemUTC());
    }

    /** Alert a/1 to subscription a through {@code sender}, until the worker is idle again. */
    private void deliverOneAlert(HttpSender sender) throws Exception {
        try (ChannelWorker w = worker(subscription("a"), sender)) {
            w.submit(alert("a", 1));
            assertThat(w.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void retries_honour_retry_after_then_the_acknowledged_alert_is_logged() throws Exception {
        deliverOneAlert(scripted(new HttpSender.Response(429, "7", "slow down"),
                new HttpSender.Response(503, null, ""), new HttpSender.Response(204, null, "")));
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
        assertThat(logged).containsExactly("a:inc-1:1");
        assertThat(deadLetters).isEmpty();
        assertThat(metrics.registry().find("faultline.notify.delivery.failures").counters()).hasSize(2);
    }

    @Test
    void after_max_attempts_the_alert_is_dead_lettered_with_the_reason() throws Exception {
        deliverOneAlert(scripted(new HttpSender.Response(500, null, "boom")));
        assertThat(deadLetters).containsExactly("a:inc-1:1 after 4: HTTP 500: boom");
        assertThat(waits).hasSize(3);
        assertThat(logged).isEmpty();
    }

    @Test
    void a_refusal_that_cannot_improve_is_dead_lettered_at_once() throws Exception {
        deliverOneAlert(scripted(new HttpSender.Response(401, null, "bad signature")));
        assertThat(deadLetters).containsExactly("a:inc-1:1 after 1: HTTP 401: bad signature");
        assertThat(waits).isEmpty();
    }

    @Test
    void a_receiver_that_does_not_answer_is_retried_like_a_5xx() throws Exception {
        HttpSender refusing = request -> {
            throw new IOException("Connection refused");
        };
        deliverOneAlert(refusing);
        assertThat(deadLetters).containsExactly("a:inc-1:1 after 4: no answer: Connection refused");
    }

    @Test
    void one_stuck_channel_does_not_hold_up_another() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpSender stuck = request -> {
            release.await(30, TimeUnit.SECONDS);
            return new HttpSender.Response(204, null, "");
        };
        try (ChannelWorker slow = worker(subscription("slow"), stuck);
             ChannelWorker fast = worker(subscription("fast"), scripted(new HttpSender.Response(200, null, "")))) {
            slow.submit(alert("slow", 1));
            fast.submit(alert("fast", 1));
            fast.submit(alert("fast", 2));
            assertThat(fast.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(logged).containsExactly("fast:inc-1:1", "fast:inc-1:2");
            assertThat(slow.pending()).isEqualTo(1);
            release.countDown();
            assertThat(slow.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(logged).contains("slow:inc-1:1");
        assertThat(Collections.frequency(logged, "fast:inc-1:1")).isEqualTo(1);
    }

    @Test
    void an_alert_still_retrying_at_shutdown_is_left_for_the_next_start_not_dead_lettered() throws Exception {
        CountDownLatch tried = new CountDownLatch(1);
        HttpSender failing = request -> {
            tried.countDown();
            return new HttpSender.Response(503, null, "");
        };
        Subscription s = subscription("a");
        ChannelWorker w = new ChannelWorker(s, new Webhook(s.url(), "k", "http://api"), failing,
                (sub, a, at) -> logged.add(a.idempotencyKey()),
                (sub, a, req, reason, attempts) -> deadLetters.add(reason), BACK_OFF, metrics,
                d -> new CountDownLatch(1).await(), Clock.systemUTC()); // the back-off blocks until close interrupts it
        w.submit(alert("a", 1));
        assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();
        w.close();
        assertThat(deadLetters).isEmpty();
        assertThat(logged).isEmpty();
    }
}
