package io.faultline.ingestion.probe.prober;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The status line and the headers of an HTTP/1.x response that the prober needs. */
record ResponseHead(int status, String reason, long contentLength) {

    /** Reads up to the blank line after the headers; {@code first} is the byte already read. */
    static ResponseHead read(int first, InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        head.write(first);
        int prev3 = -1;
        int prev2 = -1;
        int prev1 = first;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed inside the response head");
            }
            head.write(c);
            if (head.size() > maxBytes) {
                throw new IOException("response head longer than " + maxBytes + " bytes");
            }
            if ((prev1 == '\n' && c == '\n') || (prev3 == '\r' && prev2 == '\n' && prev1 == '\r' && c == '\n')) {
                break;
            }
            prev3 = prev2;
            prev2 = prev1;
            prev1 = c;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/") || !status[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP response: '" + excerpt(lines[0]) + "'");
        }
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length '" + excerpt(value) + "'");
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        return new ResponseHead(Integer.parseInt(status[1]), status.length > 2 ? status[2].strip() : "",
                chunked ? -1 : length);
    }

    private static String excerpt(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
