package io.faultline.ingestion.social.stream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.social.MastodonParser;
import io.faultline.ingestion.social.SseEvent;
import io.faultline.ingestion.social.SseReader;

/**
 * Mastodon streaming API over server-sent events, one connection per stream (public timeline,
 * each hashtag), all into one emitter, which drops a post that two hashtag streams both deliver.
 * {@code update} events become posts; the parser skips deletes and edits; {@code :thump} heartbeats
 * only keep the stall timer quiet. Reconnects with capped exponential back-off and jitter (429 from
 * 1 minute), sending {@code Last-Event-ID} when the server gave event ids so it can resume; servers
 * that send no ids (Mastodon itself does not) cannot resume, and posts made while disconnected are
 * missed, a limit of the API.
 */
public final class MastodonStreamClient implements SocialStreamClient {

    private static final Logger LOG = LoggerFactory.getLogger(MastodonStreamClient.class);

    private final MastodonStreamConfig config;
    private final HttpClient http;
    private final PostEmitter emitter;
    private final Sleeper sleeper;
    private final Random random;
    private final MastodonParser parser;
    private final List<LineStream> open = new ArrayList<>();
    private volatile boolean stopped;

    public MastodonStreamClient(MastodonStreamConfig config, HttpClient http, PostEmitter emitter, Sleeper sleeper,
                                Random random) {
        this.config = config;
        this.http = http;
        this.emitter = emitter;
        this.sleeper = sleeper;
        this.random = random;
        this.parser = new MastodonParser(config.base().uri().getHost(), emitter.clock());
    }

    @Override
    public void run() throws InterruptedException {
        List<String> paths = config.streamPaths();
        if (paths.size() == 1) {
            follow(paths.get(0));
            return;
        }
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (String p : paths) {
            Thread t = new Thread(() -> {
                try {
                    follow(p);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stop(); // one stream failing for good (bad token) fails them all
                }
            }, "mastodon-" + p);
            t.start();
            threads.add(t);
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            stop();
            threads.forEach(Thread::interrupt);
            throw e;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** One stream, reconnecting until stopped or the budget is spent. */
    private void follow(String path) throws InterruptedException {
        URI uri = config.base().resolve(path);
        Backoff errors = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(2)).withJitter(random);
        Backoff rateLimit = Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(16)).withJitter(random);
        String lastEventId = null;
        while (!stopped && !emitter.done()) {
            HttpResponse<InputStream> response;
            try {
                config.base().check();
                HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                        .header("Accept", "text/event-stream").header("User-Agent", XStreamClient.USER_AGENT);
                config.accessToken().ifPresent(t -> req.header("Authorization", "Bearer " + t));
                if (lastEventId != null) {
                    req.header("Last-Event-ID", lastEventId);
                }
                response = http.send(req.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                pause("Mastodon " + path + " connect failed: " + Failures.describe(e), errors);
                continue;
            }
            if (response.statusCode() != 200) {
                HttpStatusError e = new HttpStatusError("Mastodon " + path, response.statusCode(),
                        HttpStatusError.bodyPreview(response.body()));
                if (e.fatal()) {
                    throw new StreamFailure(e.getMessage() + (e.status == 401 || e.status == 403
                            ? " (this server may require an access token in " + MastodonStreamConfig.ENV_ACCESS_TOKEN + ")"
                            : ""));
                }
                pause(e.getMessage(), e.status == 429 ? rateLimit : errors);
                continue;
            }
            emitter.connected();
            Session s = new Session(uri, lastEventId);
            boolean delivered = consume(response.body(), s);
            lastEventId = s.lastEventId;
            if (delivered) {
                errors.reset();
                rateLimit.reset();
            } else if (!stopped && !emitter.done()) {
                pause("Mastodon " + path + " closed before sending anything", errors);
            }
        }
    }

    private static final class Session {
        final URI uri;
        String lastEventId;

        Session(URI uri, String lastEventId) {
            this.uri = uri;
            this.lastEventId = lastEventId;
        }
    }

    private boolean consume(InputStream body, Session s) throws InterruptedException {
        boolean delivered = false;
        SseReader sse = new SseReader();
        LineStream lines = new LineStream(body, config.maxLineBytes(), "mastodon-reader");
        register(lines);
        try {
            while (!stopped && !emitter.done()) {
                Object line = lines.next(config.stallTimeout());
                if (line == null) {
                    LOG.info("Mastodon stream {} ended by the server; reconnecting", s.uri);
                    return delivered;
                }
                delivered = true;
                if (line instanceof LineStream.Oversized o) {
                    emitter.reject(new Rejected(MastodonParser.SOURCE, "TOO_LARGE", "event line of " + o.length()
                            + " bytes exceeds " + config.maxLineBytes() + "; first bytes kept", o.prefix(),
                            Map.of("url", s.uri.toString())));
                    continue;
                }
                Optional<SseEvent> ev = sse.acceptLine((String) line);
                if (ev.isPresent()) {
                    SseEvent e = ev.get();
                    Map<String, String> ctx = e.id() == null ? Map.of("url", s.uri.toString())
                            : Map.of("url", s.uri.toString(), "eventId", e.id());
                    emitter.emit(parser.parseEvent(e, ctx));
                    if (e.id() != null) {
                        s.lastEventId = e.id(); // only after the event is handed over: resume never skips it
                    }
                }
            }
            return delivered;
        } catch (LineStream.Stalled e) {
            emitter.stalled();
            LOG.warn("Mastodon stream {} stalled ({}); reconnecting", s.uri, e.getMessage());
            return delivered;
        } catch (IOException e) {
            LOG.warn("Mastodon stream {} lost: {}", s.uri, Failures.describe(e));
            return delivered;
        } finally {
            lines.close();
            unregister(lines);
        }
    }

    private void pause(String why, Backoff backoff) throws InterruptedException {
        Duration d = backoff.next();
        LOG.warn("{}; reconnecting in {} ms (attempt {})", why, d.toMillis(), backoff.attempts());
        sleeper.sleep(d);
    }

    private synchronized void register(LineStream s) {
        open.add(s);
        if (stopped) {
            s.close();
        }
    }

    private synchronized void unregister(LineStream s) {
        open.remove(s);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        open.forEach(LineStream::close);
    }

    @Override
    public StreamStats stats() {
        return emitter.stats();
    }
}
