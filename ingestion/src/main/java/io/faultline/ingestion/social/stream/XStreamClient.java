package io.faultline.ingestion.social.stream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.social.XApiError;
import io.faultline.ingestion.social.XStreamOutcome;
import io.faultline.ingestion.social.XStreamParser;

/**
 * X API v2 filtered stream ({@code GET /2/tweets/search/stream}) into the emitter. Syncs the rules,
 * then reads newline-delimited JSON for as long as the server keeps the connection; blank lines are
 * keep-alives. Reconnects as X documents it: at once after an established connection drops; after
 * network errors linearly (+250 ms per attempt, up to 16 s); after HTTP errors exponentially (5 s,
 * doubling, up to 320 s); after 429 exponentially from 1 minute (doubling; X sets no cap, we stop
 * doubling at 16 min; a later {@code x-rate-limit-reset} within the hour wins). Error objects in the stream are logged, counted and dead-lettered; an
 * operational disconnect ends the connection. 400/401/403/404 stop the client: retrying cannot fix
 * a bad token or URL.
 */
public final class XStreamClient implements SocialStreamClient {

    static final String USER_AGENT = "faultline-ingest";
    static final String STREAM_PATH = "/2/tweets/search/stream"
            + "?tweet.fields=created_at,lang,author_id,entities&expansions=author_id&user.fields=username";
    private static final Logger LOG = LoggerFactory.getLogger(XStreamClient.class);

    private final XStreamConfig config;
    private final HttpClient http;
    private final XStreamParser parser;
    private final PostEmitter emitter;
    private final Sleeper sleeper;
    private final Backoff networkBackoff = Backoff.linear(Duration.ofMillis(250), Duration.ofSeconds(16));
    private final Backoff httpBackoff = Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(320));
    private final Backoff rateLimitBackoff = Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(16));
    private volatile boolean stopped;
    private volatile LineStream current;
    private long connection;

    public XStreamClient(XStreamConfig config, HttpClient http, PostEmitter emitter, Sleeper sleeper) {
        this.config = config;
        this.http = http;
        this.parser = new XStreamParser(emitter.clock());
        this.emitter = emitter;
        this.sleeper = sleeper;
    }

    @Override
    public void run() throws InterruptedException {
        syncRules();
        URI uri = config.base().resolve(STREAM_PATH);
        while (!stopped && !emitter.done()) {
            HttpResponse<InputStream> response;
            try {
                config.base().check();
                response = http.send(HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                        .header("Authorization", "Bearer " + config.bearerToken()).header("User-Agent", USER_AGENT)
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                wait("X stream connect failed: " + Failures.describe(e), networkBackoff);
                continue;
            }
            if (response.statusCode() != 200) {
                onStatus(new HttpStatusError("X stream", response.statusCode(), HttpStatusError.bodyPreview(response.body()),
                        HttpStatusError.rateLimitReset(response.headers())));
                continue;
            }
            connection++;
            emitter.connected();
            boolean delivered = consume(response.body(), uri);
            if (delivered) {
                networkBackoff.reset();
                httpBackoff.reset();
                rateLimitBackoff.reset();
            } else if (!stopped && !emitter.done()) {
                wait("X stream closed before sending anything", networkBackoff);
            }
        }
    }

    private void syncRules() throws InterruptedException {
        XRuleSync sync = new XRuleSync(http, config.base(), config.bearerToken(), config.requestTimeout());
        while (!stopped) {
            try {
                XRuleSync.Result r = sync.sync(config.rules());
                LOG.info("X rules in sync: {} wanted, {} added, {} deleted", config.rules().size(), r.added().size(),
                        r.deletedIds().size());
                return;
            } catch (IOException e) {
                wait("X rules request failed: " + Failures.describe(e), networkBackoff);
            } catch (HttpStatusError e) {
                onStatus(e);
            }
        }
    }

    private void onStatus(HttpStatusError e) throws InterruptedException {
        if (e.fatal()) {
            throw new StreamFailure(e.getMessage() + (e.status == 401 || e.status == 403
                    ? " (check " + XStreamConfig.ENV_BEARER_TOKEN + " and the app's access level)" : ""));
        }
        Duration d = (e.status == 429 ? rateLimitBackoff : httpBackoff).next();
        if (e.status == 429 && e.rateLimitReset > 0) {
            // the window X says it resets at, if that is later than the back-off
            Duration untilReset = Duration.between(emitter.clock().instant(), Instant.ofEpochSecond(e.rateLimitReset));
            if (untilReset.compareTo(d) > 0 && untilReset.compareTo(Duration.ofHours(1)) <= 0) {
                d = untilReset;
            }
        }
        LOG.warn("{}; reconnecting in {} ms", e.getMessage(), d.toMillis());
        sleeper.sleep(d);
    }

    private void wait(String why, Backoff backoff) throws InterruptedException {
        Duration d = backoff.next();
        LOG.warn("{}; reconnecting in {} ms (attempt {})", why, d.toMillis(), backoff.attempts());
        sleeper.sleep(d);
    }

    /** Reads one connection to its end; true if anything (even a keep-alive) arrived. */
    private boolean consume(InputStream body, URI uri) throws InterruptedException {
        boolean delivered = false;
        long lineNo = 0;
        try (LineStream lines = new LineStream(body, config.maxLineBytes(), "x-stream-reader")) {
            current = lines;
            while (!stopped && !emitter.done()) {
                Object line = lines.next(config.stallTimeout());
                if (line == null) {
                    LOG.info("X stream ended by the server; reconnecting");
                    return delivered;
                }
                delivered = true;
                lineNo++;
                Map<String, String> ctx = context(uri, lineNo);
                if (line instanceof LineStream.Oversized o) {
                    emitter.reject(new Rejected(XStreamParser.SOURCE, "TOO_LARGE", "stream line of " + o.length()
                            + " bytes exceeds " + config.maxLineBytes() + "; first bytes kept", o.prefix(), ctx));
                    continue;
                }
                String text = (String) line;
                if (text.isBlank()) {
                    continue; // keep-alive
                }
                XStreamOutcome outcome = parser.parseLine(text, ctx);
                emitter.emit(outcome.posts());
                for (XApiError err : outcome.errors()) {
                    emitter.apiError();
                    LOG.warn("X stream error: {} ({}) {}", err.title(), err.type(), err.detail());
                    emitter.reject(new Rejected(XStreamParser.SOURCE, err.isDisconnect() ? "X_DISCONNECT" : "X_API_ERROR",
                            "X API error '" + err.title() + "': " + err.detail(), text.getBytes(StandardCharsets.UTF_8), ctx));
                }
                if (outcome.disconnected()) {
                    LOG.info("X announced a disconnect; reconnecting");
                    return true;
                }
            }
            return delivered;
        } catch (LineStream.Stalled s) {
            emitter.stalled();
            LOG.warn("X stream stalled ({}); reconnecting", s.getMessage());
            return delivered;
        } catch (IOException e) {
            LOG.warn("X stream connection lost: {}", Failures.describe(e));
            return delivered;
        } finally {
            current = null;
        }
    }

    private Map<String, String> context(URI uri, long line) {
        Map<String, String> ctx = new HashMap<>();
        ctx.put("url", uri.toString());
        ctx.put("connection", Long.toString(connection));
        ctx.put("line", Long.toString(line));
        return ctx;
    }

    @Override
    public void stop() {
        stopped = true;
        LineStream c = current;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public StreamStats stats() {
        return emitter.stats();
    }
}
