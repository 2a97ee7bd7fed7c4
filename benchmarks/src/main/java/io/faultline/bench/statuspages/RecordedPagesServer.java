package io.faultline.bench.statuspages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves N recorded status pages on loopback the way their hosts do: each endpoint has an ETag and
 * answers 304 to a matching If-None-Match. A page's body is one of the recorded samples; a page
 * "changes" when {@link #change(int)} bumps its revision (the body gets a trailing newline per
 * revision, so the ETag moves and the poller must download and parse it again).
 */
public final class RecordedPagesServer implements AutoCloseable {

    /** One recorded endpoint body served under {@code /p<i><path>}. */
    public record Sample(String path, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<List<Sample>> pageSamples;
    private final AtomicIntegerArray revision;
    final LongAdder requests = new LongAdder();
    final LongAdder notModified = new LongAdder();

    /** @param pageSamples per page, the endpoints it serves */
    public RecordedPagesServer(List<List<Sample>> pageSamples) {
        this.pageSamples = List.copyOf(pageSamples);
        this.revision = new AtomicIntegerArray(pageSamples.size());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "recorded-pages");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl(int page) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/p" + page;
    }

    public int pages() {
        return pageSamples.size();
    }

    public void change(int page) {
        revision.incrementAndGet(page);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.increment();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            int slash = path.indexOf('/', 2);
            int page;
            try {
                page = Integer.parseInt(path.substring(2, slash < 0 ? path.length() : slash));
            } catch (RuntimeException e) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String rest = slash < 0 ? "" : path.substring(slash);
            Sample sample = page < 0 || page >= pageSamples.size() ? null
                    : pageSamples.get(page).stream().filter(s -> s.path().equals(rest)).findFirst().orElse(null);
            if (sample == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            int rev = revision.get(page);
            String etag = "\"" + Integer.toHexString(sample.body().length) + "-" + rev + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.increment();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = rev == 0 ? sample.body() : withNewlines(sample.body(), rev);
            ex.getResponseHeaders().set("Content-Type", sample.path().endsWith(".json") || sample.path().contains("/api/")
                    ? "application/json" : "application/xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private static byte[] withNewlines(byte[] body, int n) {
        byte[] out = java.util.Arrays.copyOf(body, body.length + n);
        java.util.Arrays.fill(out, body.length, out.length, "\n".getBytes(StandardCharsets.US_ASCII)[0]);
        return out;
    }

    public long requests() {
        return requests.sum();
    }

    public long notModified() {
        return notModified.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
