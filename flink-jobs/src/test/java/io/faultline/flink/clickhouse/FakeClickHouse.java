package io.faultline.flink.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers the ClickHouse JDBC driver the way a ClickHouse server can:
 * success, a 500 with a ClickHouse error body, no answer until the client times out, or a
 * dropped connection. Behaviours are consumed in order; when none is left it succeeds. A
 * behaviour can also be set for the n-th INSERT into one table ({@link #onInsert}).
 */
final class FakeClickHouse implements AutoCloseable {

    enum Behaviour { OK, ERROR_241_MEMORY, ERROR_60_UNKNOWN_TABLE, HANG, DROP }

    /** One request and how it was answered. */
    record Request(Map<String, String> params, String body, Behaviour answer) {

        String token() {
            return params.get("insert_deduplication_token");
        }

        /** The table of an INSERT, or null for any other statement. */
        String table() {
            return InsertStatement.table(body);
        }
    }

    private final HttpServer server;
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, Map<Integer, Behaviour>> perTable = new HashMap<>();
    private final Map<String, Integer> insertsSeen = new HashMap<>();

    FakeClickHouse(Behaviour... behaviours) throws IOException {
        script.addAll(List.of(behaviours));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String jdbcUrl() {
        return "jdbc:clickhouse://127.0.0.1:" + server.getAddress().getPort() + "/faultline";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The rows ClickHouse would hold in {@code table}: those of every answered INSERT, an INSERT
     * repeating an earlier one's deduplication token dropped, as ClickHouse drops it.
     */
    List<Map<String, Object>> stored(String table) {
        java.util.Set<String> tokens = new java.util.HashSet<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Request r : requests()) {
            if (r.answer() == Behaviour.OK && table.equals(r.table()) && (r.token() == null || tokens.add(r.token()))) {
                rows.addAll(InsertStatement.parse(r.body()).rows());
            }
        }
        return rows;
    }

    /** The INSERTs into {@code table}, in arrival order. */
    List<Request> inserts(String table) {
        return requests().stream().filter(r -> table.equals(r.table())).toList();
    }

    /** Answers the {@code nth} (1-based) INSERT into {@code table} with {@code behaviour}, whatever the script says. */
    FakeClickHouse onInsert(String table, int nth, Behaviour behaviour) {
        synchronized (script) {
            perTable.computeIfAbsent(table, t -> new HashMap<>()).put(nth, behaviour);
        }
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Behaviour b;
        String table = InsertStatement.table(body);
        synchronized (script) {
            int nth = table == null ? 0 : insertsSeen.merge(table, 1, Integer::sum);
            Behaviour forTable = table == null ? null : perTable.getOrDefault(table, Map.of()).get(nth);
            b = forTable != null ? forTable : script.isEmpty() ? Behaviour.OK : script.poll();
            // recorded under the same lock that picked the answer, so requests() lists them in the order answered
            requests.add(new Request(params(ex.getRequestURI().getRawQuery()), body, b));
        }
        switch (b) {
            case OK -> {
                ex.getResponseHeaders().add("X-ClickHouse-Summary", "{\"written_rows\":\"0\"}");
                ex.sendResponseHeaders(200, -1);
                ex.close();
            }
            case ERROR_241_MEMORY -> error(ex, 241, "Code: 241. DB::Exception: Memory limit (total) exceeded: would use 9.31 GiB "
                    + "(attempt to allocate chunk of 4194304 bytes), maximum: 9.31 GiB. (MEMORY_LIMIT_EXCEEDED) (version 24.8.4.13 (official build))");
            case ERROR_60_UNKNOWN_TABLE -> error(ex, 60, "Code: 60. DB::Exception: Table faultline.service_health does not exist. "
                    + "(UNKNOWN_TABLE) (version 24.8.4.13 (official build))");
            case HANG -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
            }
            case DROP -> ex.close(); // no status line at all: the client sees the connection end
        }
    }

    private static void error(HttpExchange ex, int code, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("X-ClickHouse-Exception-Code", Integer.toString(code));
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
        ex.sendResponseHeaders(500, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
