package io.faultline.ingestion.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.avro.SchemaNormalization;

/**
 * Writes a replay archive directory: {@code events.ndjson.gz} (one {@link ArchiveCodec} line per
 * event, in event-time order) and, on close, {@code manifest.json}. The output depends only on
 * the events and the arguments (the gzip header carries no time), so the same input gives the
 * same bytes.
 */
public final class ArchiveWriter implements AutoCloseable {

    public static final String EVENTS_FILE = "events.ndjson.gz";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String FORMAT = "faultline-replay-archive";
    public static final int FORMAT_VERSION = 1;

    private final Path dir;
    private final String source;
    private final Instant created;
    private final List<String> notes;
    private final BufferedWriter out;
    private final ArchiveCodec codec = new ArchiveCodec();
    private final Map<RawKind, Long> counts = new EnumMap<>(RawKind.class);
    private Instant first;
    private Instant last;
    private boolean closed;

    private ArchiveWriter(Path dir, String source, Instant created, List<String> notes) throws IOException {
        this.dir = dir;
        this.source = source;
        this.created = created;
        this.notes = List.copyOf(notes);
        Files.createDirectories(dir);
        OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve(EVENTS_FILE)), 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
        for (RawKind k : RawKind.values()) {
            counts.put(k, 0L);
        }
    }

    /**
     * @param dir     archive directory (created; existing archive files are replaced)
     * @param source  what the events came from, for the manifest
     * @param created when the archive was made, or null for generated archives (keeps them reproducible)
     * @param notes   free lines for the manifest, e.g. the facts a generator used
     */
    public static ArchiveWriter create(Path dir, String source, Instant created, List<String> notes) {
        try {
            return new ArchiveWriter(dir, source, created, notes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create archive in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Appends {@code e}; events must come in non-decreasing event time. */
    public void write(RawEvent e) {
        if (last != null && e.eventTime().isBefore(last)) {
            throw new IllegalArgumentException("archive events must be in event-time order: " + e.eventTime()
                    + " after " + last + " (" + e.kind() + " " + e.key() + ")");
        }
        String line = codec.encode(e);
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + dir.resolve(EVENTS_FILE) + ": " + ex.getMessage(), ex);
        }
        counts.merge(e.kind(), 1L, Long::sum);
        if (first == null) {
            first = e.eventTime();
        }
        last = e.eventTime();
    }

    /** Events written so far per kind, in kind order. */
    public Map<RawKind, Long> counts() {
        return java.util.Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            Files.writeString(dir.resolve(MANIFEST_FILE), manifest() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish archive " + dir + ": " + e.getMessage(), e);
        }
    }

    private String manifest() throws IOException {
        ObjectNode m = ArchiveCodec.JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("formatVersion", FORMAT_VERSION);
        m.put("created", created == null ? null : created.toString());
        m.put("source", source);
        m.put("events", EVENTS_FILE);
        ObjectNode c = m.putObject("counts");
        long total = 0;
        for (RawKind k : RawKind.values()) {
            c.put(k.name(), counts.get(k));
            total += counts.get(k);
        }
        m.put("total", total);
        m.put("firstEventTime", first == null ? null : first.toString());
        m.put("lastEventTime", last == null ? null : last.toString());
        ObjectNode schemas = m.putObject("schemas");
        for (RawKind k : RawKind.values()) {
            ObjectNode s = schemas.putObject(k.schema().getFullName());
            s.put("kind", k.name());
            s.put("fingerprint", String.format("%016x", SchemaNormalization.parsingFingerprint64(k.schema())));
            s.set("schema", ArchiveCodec.JSON.readTree(k.schema().toString()));
        }
        List<String> ns = new ArrayList<>(notes);
        m.putArray("notes").addAll(ns.stream().map(ArchiveCodec.JSON.getNodeFactory()::textNode).toList());
        return ArchiveCodec.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    }
}
