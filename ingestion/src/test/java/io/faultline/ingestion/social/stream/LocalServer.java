package io.faultline.ingestion.social.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK HttpServer on loopback that plays a script: each request to the streaming path takes the
 * next scripted connection; when the script is used up it answers 200 and sends keep-alive lines
 * until the client leaves or the server closes. Records every request's headers.
 */
final class LocalServer implements AutoCloseable {

    interface Connection {
        void serve(HttpExchange ex) throws Exception;
    }

    record Request(String method, String uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    final HttpServer server;
    final ConcurrentLinkedDeque<Connection> script = new ConcurrentLinkedDeque<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final String keepAlive;

    LocalServer(String streamPath, String keepAlive) throws IOException {
        this.keepAlive = keepAlive;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext(streamPath, ex -> {
            record(ex);
            Connection c = script.pollFirst();
            try {
                if (c != null) {
                    c.serve(ex);
                } else {
                    idle(ex);
                }
            } catch (Exception e) {
                // the client went away mid-write: that is what the scripts provoke
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Request record(HttpExchange ex) throws IOException {
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()),
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(r);
        return r;
    }

    List<Request> requestsTo(String pathPrefix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.uri().startsWith(pathPrefix)).toList();
        }
    }

    /** Answers with {@code status} and a short body. */
    static Connection status(int status, String body) {
        return ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        };
    }

    /** 200, then the given chunks (each flushed), then closes. */
    static Connection chunks(List<String> chunks) {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (String c : chunks) {
                out.write(c.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /** 200, the given chunks, then silence (no keep-alive) until the client gives up or the server closes. */
    Connection chunksThenStall(List<String> chunks) {
        return ex -> {
            chunks(chunks).serve(ex);
            closing.await(30, TimeUnit.SECONDS);
        };
    }

    private void idle(HttpExchange ex) throws IOException, InterruptedException {
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        while (!closing.await(50, TimeUnit.MILLISECONDS)) {
            out.write(keepAlive.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
