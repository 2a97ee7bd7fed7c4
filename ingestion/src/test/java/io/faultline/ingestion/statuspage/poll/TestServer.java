package io.faultline.ingestion.statuspage.poll;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server for poller tests (JDK HttpServer on 127.0.0.1, ephemeral port). Each path has
 * a handler; every request is recorded with its headers.
 */
final class TestServer implements AutoCloseable {

    /** One recorded request. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince) {
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    TestServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(new Request(path, ex.getRequestHeaders().getFirst("If-None-Match"),
                    ex.getRequestHeaders().getFirst("If-Modified-Since")));
            Handler h = handlers.get(path);
            try {
                if (h == null) {
                    send(ex, 404, Map.of(), new byte[0]);
                } else {
                    h.handle(ex);
                }
            } catch (IOException e) {
                // the client went away (cap, timeout): expected in these tests
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    TestServer on(String path, Handler h) {
        handlers.put(path, h);
        return this;
    }

    /** Serves the same body with 200 on every request. */
    TestServer serve(String path, byte[] body) {
        return on(path, ex -> send(ex, 200, Map.of(), body));
    }

    /** Serves the given handlers in turn, the last one for every later request. */
    TestServer sequence(String path, Handler... inTurn) {
        List<Handler> list = new ArrayList<>(List.of(inTurn));
        return on(path, ex -> {
            Handler h;
            synchronized (list) {
                h = list.size() > 1 ? list.remove(0) : list.get(0);
            }
            h.handle(ex);
        });
    }

    static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        boolean noBody = status == 304 || status == 204 || body.length == 0;
        ex.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Handler status(int status, Map<String, String> headers) {
        return ex -> send(ex, status, headers, new byte[0]);
    }

    static Handler ok(byte[] body) {
        return ex -> send(ex, 200, Map.of(), body);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    long hits(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
