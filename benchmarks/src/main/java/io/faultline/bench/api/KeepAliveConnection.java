package io.faultline.bench.api;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection for the load generator: GET, read the whole answer
 * (Content-Length, chunked, or until close), keep the socket for the next request. A blocking
 * socket per worker thread is the cheapest client there is, which matters when the client shares
 * two cores with the server. Limits: plain http only, no redirects, no compression (none asked
 * for), the body is read and discarded.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** Status and body size of one answer. */
    record Answer(int status, long bodyBytes) {
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String authorization;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(URI base, String authorization, int timeoutMillis) {
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("--url: only http:// is supported, was " + base);
        }
        this.host = base.getHost();
        this.port = base.getPort() == -1 ? 80 : base.getPort();
        this.hostHeader = host + ":" + port;
        this.authorization = authorization;
        this.timeoutMillis = timeoutMillis;
    }

    Answer get(String pathAndQuery) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(pathAndQuery);
        } catch (EOFException e) {
            // the server may close an idle kept-alive connection between two requests: one retry on a
            // fresh connection, as every HTTP client does; a fresh connection that fails is an error
            close();
            if (!reused) {
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        try {
            return exchange(pathAndQuery);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Answer exchange(String pathAndQuery) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder req = new StringBuilder(160).append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader).append("\r\n");
        if (authorization != null) {
            req.append("Authorization: ").append(authorization).append("\r\n");
        }
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line(true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = parts[0].equals("HTTP/1.0");
        for (String h = line(false); !h.isEmpty(); h = line(false)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        long body;
        if (chunked) {
            body = 0;
            for (long size = Long.parseLong(line(false).split(";", 2)[0].trim(), 16); size > 0;
                 size = Long.parseLong(line(false).split(";", 2)[0].trim(), 16)) {
                skip(size);
                body += size;
                line(false); // CRLF after the chunk
            }
            while (!line(false).isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
            body = length;
        } else {
            body = in.transferTo(OutputStream.nullOutputStream());
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Answer(status, body);
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = s.getOutputStream();
    }

    /** One CRLF-terminated line; EOF before its first byte is an {@link EOFException} (closed by the server). */
    private String line(boolean first) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw first && sb.isEmpty() ? new EOFException("connection closed by the server")
                        : new IOException("connection closed mid-answer");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket we are abandoning: nothing left to do with the failure
            }
            socket = null;
        }
    }
}
