package io.faultline.ingestion.replay;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.ingestion.Rejected;
import org.apache.avro.Schema;

/**
 * Reads a replay archive (a directory with {@code manifest.json} and {@code events.ndjson.gz}, or
 * a bare events file, gzip or not) lazily, one line at a time. A line that is not an event, or
 * whose time goes backwards, becomes a {@link Rejected} ({@code replay.archive}, with file and line
 * number) and reading goes on. With a manifest, values are decoded with the schemas the archive
 * was written with and resolved into this build's classes.
 */
public final class ArchiveReader implements ReplaySource {

    public static final String SOURCE = "replay.archive";
    private static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    private final Path eventsFile;
    private final ReplayOptions options;
    private final ArchiveCodec codec;
    private final String description;
    private final List<Rejected> rejected = new ArrayList<>();
    private BufferedReader reader;

    private ArchiveReader(Path eventsFile, ReplayOptions options, Map<String, Schema> schemas, String description) {
        this.eventsFile = eventsFile;
        this.options = options;
        this.codec = new ArchiveCodec(schemas);
        this.description = description;
    }

    /** Opens an archive directory or events file. */
    public static ArchiveReader open(Path path, ReplayOptions options) {
        Path dir = Files.isDirectory(path) ? path : path.getParent();
        Path events = Files.isDirectory(path) ? path.resolve(ArchiveWriter.EVENTS_FILE) : path;
        Path manifestFile = dir == null ? null : dir.resolve(ArchiveWriter.MANIFEST_FILE);
        Map<String, Schema> schemas = Map.of();
        String description = "archive " + path;
        if (manifestFile != null && Files.isRegularFile(manifestFile)
                && (Files.isDirectory(path) || events.getFileName().toString().equals(ArchiveWriter.EVENTS_FILE))) {
            try {
                JsonNode m = ArchiveCodec.JSON.readTree(manifestFile.toFile());
                schemas = ArchiveCodec.schemasOf(m.get("schemas"));
                description += " (" + m.path("total").asText("?") + " events from " + m.path("source").asText("?") + ")";
            } catch (IOException e) {
                throw new IllegalArgumentException("archive manifest " + io.faultline.ingestion.ParseErrors.describe(manifestFile, "JSON", e), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("archive manifest " + manifestFile + " is unreadable: " + e.getMessage(), e);
            }
        }
        if (!Files.isRegularFile(events)) {
            throw new IllegalArgumentException("archive " + path + ": no " + ArchiveWriter.EVENTS_FILE);
        }
        return new ArchiveReader(events, options, schemas, description);
    }

    @Override
    public Iterator<RawEvent> events() {
        if (reader != null) {
            throw new IllegalStateException("events() is single use");
        }
        try {
            reader = new BufferedReader(new InputStreamReader(unzipped(Files.newInputStream(eventsFile)),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + eventsFile + ": " + e.getMessage(), e);
        }
        return Lookahead.window(options, new Lookahead<>() {
            private Instant last;
            private int lineNo;

            @Override
            protected RawEvent advance() {
                String line;
                while ((line = readLine()) != null) {
                    lineNo++;
                    if (lineNo == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    RawEvent e = decode(line, lineNo);
                    if (e == null) {
                        continue;
                    }
                    if (last != null && e.eventTime().isBefore(last)) {
                        reject("OUT_OF_ORDER", "event time " + e.eventTime() + " is before the previous line's "
                                + last + " (archives are written in event-time order)", line, lineNo);
                        continue;
                    }
                    last = e.eventTime();
                    return e;
                }
                return null;
            }

            private String readLine() {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    // a truncated or corrupt file: the lines after this point are lost, so this is an error,
                    // never a quiet end of the replay (what was read before it has been delivered)
                    throw new IllegalArgumentException("archive " + eventsFile + " is truncated or corrupt after line "
                            + lineNo + " (" + (e.getMessage() == null ? "unreadable" : e.getMessage())
                            + "); the events before it were read, the rest is lost: fix or re-record the archive", e);
                }
            }
        });
    }

    private RawEvent decode(String line, int lineNo) {
        try {
            return codec.decode(line);
        } catch (ArchiveCodec.BadLine e) {
            reject(e.errorType, e.getMessage(), line, lineNo);
        } catch (RuntimeException e) {
            // a decoder bug must not stop the replay; the line is kept with the reason
            reject("UNDECODABLE", "unexpected: " + e, line, lineNo);
        }
        return null;
    }

    private void reject(String type, String reason, String line, int lineNo) {
        String payload = line.length() > MAX_PAYLOAD_CHARS ? line.substring(0, MAX_PAYLOAD_CHARS) : line;
        rejected.add(new Rejected(SOURCE, type, reason, payload.getBytes(StandardCharsets.UTF_8),
                Map.of("file", eventsFile.toString(), "line", Integer.toString(lineNo))));
    }

    static InputStream unzipped(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
