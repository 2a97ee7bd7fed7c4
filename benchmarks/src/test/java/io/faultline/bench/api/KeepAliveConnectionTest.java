package io.faultline.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's connection reads whole answers (sized and chunked) and keeps one socket for them all. */
class KeepAliveConnectionTest {

    HttpServer server;
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<Object> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sized", ex -> answer(ex, 200, "x".repeat(70_000), false));
        server.createContext("/chunked", ex -> answer(ex, 200, "y".repeat(100_000), true));
        server.createContext("/missing", ex -> answer(ex, 404, "{\"error\":\"not_found\"}", false));
        server.start();
    }

    private void answer(HttpExchange ex, int status, String body, boolean chunked) throws IOException {
        seen.add(ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization"));
        connections.add(ex.getRemoteAddress());
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, chunked ? 0 : b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsSizedAndChunkedBodiesOverOneConnection() throws IOException {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (KeepAliveConnection c = new KeepAliveConnection(base, "Bearer t", 5_000)) {
            assertThat(c.get("/sized")).isEqualTo(new KeepAliveConnection.Answer(200, 70_000));
            assertThat(c.get("/chunked?a=1")).isEqualTo(new KeepAliveConnection.Answer(200, 100_000));
            assertThat(c.get("/missing")).isEqualTo(new KeepAliveConnection.Answer(404, 21));
            assertThat(c.get("/sized").bodyBytes()).isEqualTo(70_000);
        }
        assertThat(seen).containsExactly("/sized Bearer t", "/chunked?a=1 Bearer t", "/missing Bearer t", "/sized Bearer t");
        assertThat(connections).as("one kept-alive connection").containsOnly(connections.get(0));
    }
}
