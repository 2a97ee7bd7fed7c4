package io.faultline.app.notify;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A real HTTP server on loopback that records every POST; a path can be told to refuse its first N requests. */
final class LocalReceiver implements AutoCloseable {

    /** One request as received: path, headers (first value, case-insensitive names) and the raw body. */
    record Received(String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, AtomicInteger> refusalsLeft = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusalStatus = new ConcurrentHashMap<>();

    LocalReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            String path = exchange.getRequestURI().getPath();
            synchronized (received) {
                received.add(new Received(path, headers, body));
            }
            AtomicInteger left = refusalsLeft.get(path);
            int status = 200;
            if (left != null && left.getAndDecrement() > 0) {
                status = refusalStatus.get(path);
                if (status == 503) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
            }
            byte[] answer = (status == 200 ? "ok" : "refused on purpose").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The next {@code times} requests to {@code path} are answered with {@code status} (503 carries Retry-After: 1). */
    void refuse(String path, int times, int status) {
        refusalStatus.put(path, status);
        refusalsLeft.put(path, new AtomicInteger(times));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> on(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** Polls until {@code done} holds for the requests to {@code path}; fails after {@code timeout} saying what came. */
    List<Received> await(String path, Predicate<List<Received>> done, Duration timeout) {
        try {
            return Awaitility.await().atMost(timeout).until(() -> on(path), done);
        } catch (ConditionTimeoutException e) {
            List<Received> now = on(path);
            throw new AssertionError("receiver " + path + " did not get what was expected within " + timeout + "; got "
                    + now.size() + " request(s): " + now.stream().map(r -> r.header("Idempotency-Key") + " " + r.text())
                    .toList(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
