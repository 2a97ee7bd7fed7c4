package io.faultline.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers each raw request path with the bytes put in {@link #served}
 * and 404 otherwise, recording every path asked for: a stand-in for a package registry or a
 * download site.
 */
public final class ServedFiles implements AutoCloseable {

    /** Raw request path (as sent, percent-encoding kept) to body. */
    public final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** Raw paths asked for, in order. */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;

    private ServedFiles() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().getRawPath());
            byte[] body = served.get(ex.getRequestURI().getRawPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    /** A server on a free loopback port, already answering. */
    public static ServedFiles start() throws IOException {
        return new ServedFiles();
    }

    /** {@code path} (starting with '/') on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
