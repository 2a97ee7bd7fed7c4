package io.faultline.ingestion.network;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader of gzipped tar archives as npm packs them (ustar, with pax 'x' and GNU 'L'
 * long-name headers). Only regular files are handed out; links, directories and devices are
 * skipped. The entry name is only ever matched against expected names by the caller, never
 * used as a path, so an archive cannot write outside the target directory.
 */
final class TarGz {

    /** One regular file of the archive; {@code body} must be read (or skipped) before the next call. */
    record Entry(String name, long size, InputStream body) {
    }

    private final InputStream in;
    private Bounded current;
    private long padding;

    TarGz(InputStream gz) throws IOException {
        this.in = new GZIPInputStream(gz, 1 << 16);
    }

    /** The next regular file, or null at the end of the archive. */
    Entry next() throws IOException {
        String longName = null;
        while (true) {
            if (current != null) {
                skipFully(current.left);
                current.left = 0;
                current = null;
            }
            skipFully(padding);
            padding = 0;
            byte[] h = in.readNBytes(512);
            if (h.length == 0 || isZero(h)) {
                return null;
            }
            if (h.length < 512) {
                throw new EOFException("truncated tar header");
            }
            long size = octal(h, 124, 12);
            char type = (char) h[156];
            long padded = (size + 511) / 512 * 512;
            if (type == 'x' || type == 'L') {
                byte[] data = in.readNBytes((int) Math.min(size, 1 << 20));
                skipFully(padded - data.length);
                String text = new String(data, StandardCharsets.UTF_8);
                longName = type == 'L' ? text.replace("\0", "") : paxPath(text, longName);
                continue;
            }
            if (type == 'g') {
                skipFully(padded);
                continue;
            }
            String name = longName != null ? longName : ustarName(h);
            longName = null;
            if (type != '0' && type != '\0') {
                skipFully(padded);
                continue;
            }
            padding = padded - size;
            current = new Bounded(in, size);
            return new Entry(name, size, current);
        }
    }

    private static String paxPath(String records, String fallback) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            if (sp > 0 && rec.startsWith("path=", sp + 1)) {
                return rec.substring(sp + 1 + "path=".length());
            }
        }
        return fallback;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        String magic = cString(h, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                continue; // NUL- or space-padded
            }
            if (b < '0' || b > '7') {
                throw new IOException("bad tar size field");
            }
            v = v * 8 + (b - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void skipFully(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("truncated tar archive");
                }
                s = 1;
            }
            n -= s;
        }
    }

    /** The body of one entry: reads stop at its size; the tail is skipped by {@link #next()}. */
    private final class Bounded extends InputStream {
        private final InputStream in;
        long left;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the rest of the entry is skipped by next()
        }
    }
}
