package io.faultline.ingestion.social.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.social.JetstreamParser;

/**
 * Bluesky Jetstream (public WebSocket, no auth) into the emitter. Every message is one JSON event
 * with a {@code time_us}; after a reconnect the client asks for {@code cursor} = the latest
 * {@code time_us} handed over minus {@link JetstreamConfig#rewind()}, and drops events it already
 * handled (key: DID + time_us), so nothing is lost or written twice. Reconnects with capped
 * exponential back-off and jitter. Messages are requested one at a time, so a slow sink slows the
 * socket instead of filling memory.
 */
public final class JetstreamClient implements SocialStreamClient {

    private static final Logger LOG = LoggerFactory.getLogger(JetstreamClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CURSOR_PARAM = Pattern.compile("(^|&)cursor=[^&]*");
    /** Resume overlaps are seconds of events; this covers far more than that. */
    private static final int RECENT_EVENTS = 200_000;

    private final JetstreamConfig config;
    private final HttpClient http;
    private final JetstreamParser parser;
    private final PostEmitter emitter;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final RecentKeys handled = new RecentKeys(RECENT_EVENTS);
    private volatile boolean stopped;
    private volatile WebSocket socket;
    private volatile LinkedBlockingQueue<Object> inbox;
    private long cursor = -1;
    private long connection;

    public JetstreamClient(JetstreamConfig config, HttpClient http, PostEmitter emitter, Sleeper sleeper, Random random) {
        this.config = config;
        this.http = http;
        this.parser = new JetstreamParser(emitter.clock());
        this.emitter = emitter;
        this.sleeper = sleeper;
        this.backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(2)).withJitter(random);
    }

    /** The {@code time_us} resume point (latest handed over), or -1 before the first event. */
    public long cursor() {
        return cursor;
    }

    @Override
    public void run() throws InterruptedException {
        while (!stopped && !emitter.done()) {
            URI uri = withCursor(config.url().uri(), cursor < 0 ? -1 : Math.max(0, cursor - config.rewind().toNanos() / 1000));
            LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
            this.inbox = inbox;
            if (stopped) {
                return;
            }
            Listener listener = new Listener(inbox, config.maxMessageBytes());
            WebSocket ws;
            try {
                config.url().check();
                ws = http.newWebSocketBuilder().connectTimeout(config.connectTimeout())
                        .header("User-Agent", XStreamClient.USER_AGENT)
                        .buildAsync(uri, listener).get(config.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | java.io.IOException e) {
                pause("Jetstream connect to " + uri + " failed: " + Failures.describe(e));
                continue;
            }
            socket = ws;
            connection++;
            emitter.connected();
            boolean delivered = consume(ws, inbox, uri);
            ws.abort();
            socket = null;
            if (delivered) {
                backoff.reset();
            } else if (!stopped && !emitter.done()) {
                pause("Jetstream closed before sending anything");
            }
        }
    }

    private boolean consume(WebSocket ws, LinkedBlockingQueue<Object> inbox, URI uri) throws InterruptedException {
        boolean delivered = false;
        while (!stopped && !emitter.done()) {
            Object m = inbox.poll(config.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                emitter.stalled();
                LOG.warn("Jetstream stalled: nothing for {}; reconnecting", config.stallTimeout());
                return delivered;
            }
            if (m instanceof Closed c) {
                LOG.info("Jetstream connection ended ({}); reconnecting from cursor {}", c.why, cursor);
                return delivered;
            }
            delivered = true;
            Map<String, String> ctx = Map.of("url", uri.toString(), "connection", Long.toString(connection));
            if (m instanceof Oversized o) {
                emitter.reject(new Rejected(JetstreamParser.SOURCE, "TOO_LARGE", "message larger than "
                        + config.maxMessageBytes() + " bytes; first bytes kept", o.prefix, ctx));
            } else if (m instanceof Binary b) {
                emitter.reject(new Rejected(JetstreamParser.SOURCE, "UNSUPPORTED_EVENT",
                        "binary WebSocket message (compression was not requested); first bytes kept", b.prefix, ctx));
            } else {
                handle((String) m, ctx);
            }
            ws.request(1);
        }
        return delivered;
    }

    private void handle(String message, Map<String, String> ctx) {
        long timeUs = -1;
        String did = null;
        try {
            JsonNode n = JSON.readTree(message);
            if (n != null && n.path("time_us").isIntegralNumber()) {
                timeUs = n.get("time_us").asLong();
                did = n.path("did").asText("");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: the parser turns it into a dead letter with the reason
        }
        if (timeUs >= 0 && !handled.add(did + "|" + timeUs)) {
            emitter.duplicateEvent(); // replayed by the rewind after a reconnect
            return;
        }
        emitter.emit(parser.parseLine(message, ctx));
        if (timeUs > cursor) {
            cursor = timeUs; // only after the event is handed over
        }
    }

    private void pause(String why) throws InterruptedException {
        Duration d = backoff.next();
        LOG.warn("{}; reconnecting in {} ms (attempt {})", why, d.toMillis(), backoff.attempts());
        sleeper.sleep(d);
    }

    /** {@code uri} with its {@code cursor} parameter set to {@code timeUs}, or removed when negative. */
    static URI withCursor(URI uri, long timeUs) {
        String q = uri.getRawQuery() == null ? "" : CURSOR_PARAM.matcher(uri.getRawQuery()).replaceAll("");
        q = q.startsWith("&") ? q.substring(1) : q;
        if (timeUs >= 0) {
            q = q.isEmpty() ? "cursor=" + timeUs : q + "&cursor=" + timeUs;
        }
        String s = uri.toString();
        int i = s.indexOf('?');
        String base = i < 0 ? s : s.substring(0, i);
        return URI.create(q.isEmpty() ? base : base + "?" + q);
    }

    @Override
    public void stop() {
        stopped = true;
        LinkedBlockingQueue<Object> q = inbox;
        if (q != null) {
            q.add(new Closed("stopped")); // abort() does not promise to call the listener
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public StreamStats stats() {
        return emitter.stats();
    }

    private record Closed(String why) {
    }

    private record Oversized(byte[] prefix) {
    }

    private record Binary(byte[] prefix) {
    }

    /** Collects fragments into whole messages for the consumer; asks for the next fragment itself. */
    private static final class Listener implements WebSocket.Listener {
        private final LinkedBlockingQueue<Object> inbox;
        private final int max;
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        private boolean tooLarge;

        Listener(LinkedBlockingQueue<Object> inbox, int max) {
            this.inbox = inbox;
            this.max = max;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!tooLarge) {
                text.append(data);
                if (text.length() > max) {
                    tooLarge = true;
                }
            }
            if (!last) {
                ws.request(1);
                return null;
            }
            if (tooLarge) {
                byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
                inbox.add(new Oversized(java.util.Arrays.copyOf(b, Math.min(b.length, 4096))));
            } else {
                inbox.add(text.toString());
            }
            text.setLength(0);
            tooLarge = false;
            return null; // the consumer requests the next message when it has handled this one
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            // Jetstream sends binary frames only when zstd compression is requested, which we never do
            while (data.hasRemaining() && binary.size() < 4096) {
                binary.write(data.get());
            }
            if (!last) {
                ws.request(1);
                return null;
            }
            inbox.add(new Binary(binary.toByteArray()));
            binary.reset();
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            inbox.add(new Closed("closed by server: " + statusCode + (reason.isEmpty() ? "" : " " + reason)));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.add(new Closed("error: " + error));
        }
    }
}
