package io.faultline.notify.delivery;

import io.faultline.notify.Alert;
import io.faultline.notify.AlertKind;
import io.faultline.notify.Subscription;
import io.faultline.notify.channel.ChannelFormat;
import io.faultline.notify.channel.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers one subscription's alerts on its own thread, in decision order, so a slow or failing channel holds up
 * only itself. Each alert is tried until its channel acknowledges it (2xx), waiting per {@link BackOff} between
 * attempts and honouring {@code Retry-After}; after {@link BackOff#maxAttempts()} attempts, or at once on an answer
 * that cannot improve (a 4xx other than 408/425/429), it goes to the dead-letter sink with the reason. Every
 * acknowledgement is written to the delivery log before the next alert is tried.
 *
 * <p>For channels that need it (Alertmanager) the worker re-posts each open alert at the format's interval; a
 * re-post is not logged and a failed one is only counted: the next one follows anyway.
 */
public final class ChannelWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);

    /** Waits between attempts (a test records the waits instead). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Subscription subscription;
    private final ChannelFormat format;
    private final HttpSender sender;
    private final DeliveryLog log;
    private final DeadLetterSink deadLetters;
    private final BackOff backOff;
    private final DeliveryMetrics metrics;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicInteger pending = new AtomicInteger();
    /** Open alerts by incident, for re-posting; touched only on the worker thread. */
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private volatile boolean closing;

    public ChannelWorker(Subscription subscription, ChannelFormat format, HttpSender sender, DeliveryLog log,
                         DeadLetterSink deadLetters, BackOff backOff, DeliveryMetrics metrics, Sleeper sleeper, Clock clock) {
        this.subscription = subscription;
        this.format = format;
        this.sender = sender;
        this.log = log;
        this.deadLetters = deadLetters;
        this.backOff = backOff;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faultline-notify-" + subscription.id());
            t.setDaemon(true);
            return t;
        });
        format.repostInterval().ifPresent(every -> executor.scheduleWithFixedDelay(this::repost, every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS));
    }

    public ChannelWorker(Subscription subscription, ChannelFormat format, HttpSender sender, DeliveryLog log,
                         DeadLetterSink deadLetters, BackOff backOff, DeliveryMetrics metrics) {
        this(subscription, format, sender, log, deadLetters, backOff, metrics, d -> Thread.sleep(d.toMillis()),
                Clock.systemUTC());
    }

    public Subscription subscription() {
        return subscription;
    }

    /** Queues an alert; returns at once. */
    public void submit(Alert alert) {
        pending.incrementAndGet();
        metrics.decided(subscription, alert);
        executor.execute(() -> {
            try {
                deliver(alert);
            } catch (RuntimeException e) {
                // the delivery log could not be written: the alert is re-sent after a restart (receivers dedupe)
                LOG.error("notify {}: {} for incident {} rev {}: {}", subscription.id(), alert.kind().wireName(),
                        alert.incident().id(), alert.incident().revision(), e.getMessage(), e);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    /** Remembers an alert that is open at the receiver (restored at start) so it is re-posted; sends nothing now. */
    public void standing(Alert alert) {
        if (format.repostInterval().isPresent()) {
            executor.execute(() -> open.putIfAbsent(alert.incident().id(), alert));
        }
    }

    /** Alerts queued or being delivered. */
    public int pending() {
        return pending.get();
    }

    private void deliver(Alert alert) {
        Outgoing request = format.format(alert);
        Instant first = clock.instant();
        String reason = null;
        int attempt = 0;
        while (attempt < backOff.maxAttempts() && !closing) {
            attempt++;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpSender.Response r = sender.send(request);
                if (r.ok()) {
                    acknowledged(alert, first);
                    return;
                }
                reason = "HTTP " + r.status() + (r.body() == null || r.body().isBlank() ? "" : ": " + r.body().strip());
                metrics.failed(subscription, "http_" + (r.status() / 100) + "xx");
                if (!r.retryable()) {
                    break;
                }
                retryAfter = BackOff.parseRetryAfter(r.retryAfter(), clock.instant());
            } catch (IOException e) {
                reason = "no answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                metrics.failed(subscription, "io");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reason = "interrupted while delivering (shutting down)";
                break;
            }
            if (attempt < backOff.maxAttempts()) {
                try {
                    sleeper.sleep(backOff.delay(attempt, retryAfter));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reason = reason + "; interrupted while waiting to retry (shutting down)";
                    break;
                }
            }
        }
        if (closing) {
            // not logged as delivered, so the next start sends it again: not a dead letter
            LOG.info("notify {}: {} for incident {} rev {} left for the next start ({})", subscription.id(),
                    alert.kind().wireName(), alert.incident().id(), alert.incident().revision(),
                    reason == null ? "not attempted" : reason);
            return;
        }
        LOG.warn("notify {}: {} for incident {} rev {} not delivered after {} attempt(s): {}", subscription.id(),
                alert.kind().wireName(), alert.incident().id(), alert.incident().revision(), attempt, reason);
        deadLetters.deadLetter(subscription, alert, request, reason, attempt);
        metrics.deadLettered(subscription);
    }

    private void acknowledged(Alert alert, Instant first) {
        log.acknowledged(subscription, alert, clock.instant());
        metrics.delivered(subscription, alert, Duration.between(first, clock.instant()));
        if (alert.kind() == AlertKind.RESOLVE) {
            open.remove(alert.incident().id());
        } else if (format.repostInterval().isPresent()) {
            // a re-post repeats the current labels only: the old label set was ended by this very post
            open.put(alert.incident().id(), new Alert(alert.subscriptionId(), alert.kind(), alert.incident(),
                    alert.affected(), alert.members(), null));
        }
    }

    private void repost() {
        for (Alert a : open.values()) {
            try {
                HttpSender.Response r = sender.send(format.format(a));
                if (!r.ok()) {
                    metrics.failed(subscription, "repost_http_" + (r.status() / 100) + "xx");
                }
            } catch (IOException e) {
                metrics.failed(subscription, "repost_io");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits up to {@code timeout} for every queued alert to be delivered or dead-lettered. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50); // poll interval while the worker delivers
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
