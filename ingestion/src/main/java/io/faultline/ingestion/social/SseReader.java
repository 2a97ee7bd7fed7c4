package io.faultline.ingestion.social;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-sent events (WHATWG HTML "event stream" format), one line at a time so a network client
 * can feed it as lines arrive. Multi-line {@code data:} is joined with newlines; lines starting
 * with {@code :} are comments (Mastodon's keep-alive {@code :thump}); a trailing CR is removed so
 * CRLF streams work; an event is dispatched on the blank line that ends it. Not thread-safe.
 */
public final class SseReader {

    private String event;
    private StringBuilder data;
    private String lastId;
    private int lineNo;
    private int firstLine;

    /** Feeds one line (without its terminator); returns the event it completes, if any. */
    public Optional<SseEvent> acceptLine(String rawLine) {
        lineNo++;
        String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        if (event == null && data == null) {
            firstLine = lineNo;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "id" -> lastId = value.contains("\0") ? lastId : value;
            default -> { // "retry" and unknown fields are ignored, as the spec says
            }
        }
        return Optional.empty();
    }

    private Optional<SseEvent> dispatch() {
        Optional<SseEvent> out = data == null
                ? Optional.empty() // an event without data is not dispatched (spec)
                : Optional.of(new SseEvent(event == null || event.isEmpty() ? "message" : event,
                        data.toString(), lastId, firstLine));
        event = null;
        data = null;
        return out;
    }

    /** All complete events of a stream; an unterminated last event is dropped, as the spec says. */
    public static List<SseEvent> readAll(BufferedReader reader) {
        SseReader sse = new SseReader();
        List<SseEvent> out = new ArrayList<>();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                sse.acceptLine(line).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static List<SseEvent> readAll(String stream) {
        return readAll(new BufferedReader(new StringReader(stream)));
    }
}
