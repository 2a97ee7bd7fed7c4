package io.faultline.ingestion.social.stream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lines of a long-lived HTTP response body (NDJSON, server-sent events), read on a helper thread so
 * the consumer can wait with a deadline: {@link #next} throws {@link Stalled} when nothing, not even
 * an empty keep-alive line, arrived in time. LF and CRLF both end a line. A line longer than
 * {@code maxLineBytes} is skipped up to its end and returned as an {@link Oversized} marker, so a
 * broken or hostile server cannot exhaust memory. Closing it closes the body, which ends the thread.
 */
final class LineStream implements AutoCloseable {

    /** Nothing arrived within the stall timeout. */
    static final class Stalled extends Exception {
        Stalled(Duration after) {
            super("nothing received for " + after, null, false, false);
        }
    }

    /** A line that exceeded the limit; {@code prefix} is its beginning, for the dead letter. */
    record Oversized(byte[] prefix, long length) {
    }

    private static final Object END = new Object();
    private static final int QUEUE = 256;

    private final InputStream in;
    private final int maxLineBytes;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread reader;
    private volatile boolean closed;

    LineStream(InputStream body, int maxLineBytes, String name) {
        this.in = new BufferedInputStream(body);
        this.maxLineBytes = maxLineBytes;
        this.reader = new Thread(this::readAll, name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * The next line (a String, without terminator) or an {@link Oversized} marker; null at the end
     * of the body. Throws the read error if the connection failed.
     */
    Object next(Duration stallTimeout) throws IOException, InterruptedException, Stalled {
        Object o = queue.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new Stalled(stallTimeout);
        }
        if (o == END) {
            queue.offer(END); // stay at the end for later calls
            return null;
        }
        if (o instanceof IOException e) {
            queue.offer(END);
            throw e;
        }
        return o;
    }

    private void readAll() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long length = 0;
            byte[] prefix = null;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    put(prefix != null ? new Oversized(prefix, length) : decode(line));
                    line.reset();
                    length = 0;
                    prefix = null;
                    continue;
                }
                length++;
                if (prefix == null) {
                    line.write(b);
                    if (length > maxLineBytes) {
                        prefix = java.util.Arrays.copyOf(line.toByteArray(), Math.min(4096, maxLineBytes));
                        line.reset();
                    }
                }
            }
            if (length > 0) { // the last line had no terminator: still a line
                put(prefix != null ? new Oversized(prefix, length) : decode(line));
            }
            put(END);
        } catch (IOException e) {
            if (!closed) {
                putQuietly(e);
            }
            putQuietly(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private void put(Object o) throws InterruptedException {
        queue.put(o);
    }

    private void putQuietly(Object o) {
        queue.offer(o);
    }

    @Override
    public void close() {
        closed = true;
        if (!queue.offer(END)) { // wake a consumer waiting in next(); nothing queued matters once closed
            queue.clear();
            queue.offer(END);
        }
        reader.interrupt();
        try {
            in.close();
        } catch (IOException e) {
            // closing a half-dead connection: nothing left to save
        }
    }
}
