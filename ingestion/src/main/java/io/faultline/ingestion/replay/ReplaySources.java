package io.faultline.ingestion.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.probe.AtlasConnectionEventParser;
import io.faultline.ingestion.probe.AtlasFiles;
import io.faultline.ingestion.probe.AtlasResultParser;

/** What {@link ReplaySource#open} recognises, by looking at the path and the first bytes of its data. */
final class ReplaySources {

    static final String ACCEPTED = "accepted: a replay archive (a directory with manifest.json and events.ndjson.gz, "
            + "or an events .ndjson[.gz] file), a replays/<id> folder with timeline.yaml, RIPE Atlas connection events "
            + "or results (file or folder; JSON array, NDJSON, gzip), or Statuspage v2 snapshots (summary.json files, "
            + "or a folder of them)";
    private static final int SNIFF_CHARS = 64 * 1024;
    private static final int SNIFF_FILES = 20;
    private static final Pattern ARCHIVE_LINE = Pattern.compile(
            "(?m)^\\{\"kind\":\"[A-Z_]+\",\"key\":.*\"schema\":\"io\\.faultline\\.avro\\.");
    private static final Pattern CONNECTION = Pattern.compile(
            "\"event\"\\s*:\\s*\"(dis)?connect\"");
    private static final Pattern PRB_ID = Pattern.compile("\"prb_id\"\\s*:");
    private static final Pattern STATUSPAGE = Pattern.compile("\"(page|components|incidents|scheduled_maintenances)\"\\s*:");

    enum Kind { ARCHIVE, TIMELINE, ATLAS_CONNECTION, ATLAS_RESULT, STATUSPAGE_SNAPSHOTS }

    private ReplaySources() {
    }

    static ReplaySource open(Path path, ReplayOptions options) {
        Kind kind = detect(path);
        return switch (kind) {
            case ARCHIVE -> ArchiveReader.open(path, options);
            case TIMELINE -> new TimelineSource(TimelineReplayGenerator.load(path, catalogDir(path, options)), options);
            case ATLAS_CONNECTION -> atlas(path, new AtlasConnectionEventParser(options.clock()), "RIPE Atlas connection events", options);
            case ATLAS_RESULT -> atlas(path, new AtlasResultParser(options.clock()), "RIPE Atlas results", options);
            case STATUSPAGE_SNAPSHOTS -> StatusSnapshotFolder.read(path, options);
        };
    }

    static Kind detect(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("cannot replay " + path + ": no such file or directory; " + ACCEPTED);
        }
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("timeline.yaml"))) {
                return Kind.TIMELINE;
            }
            if (Files.isRegularFile(path.resolve(ArchiveWriter.EVENTS_FILE))) {
                return Kind.ARCHIVE;
            }
            List<Path> files = dataFiles(path);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("cannot replay " + path + ": the folder holds no data files; " + ACCEPTED);
            }
            // the first recognisable file decides, so a corrupt first file does not hide a good folder
            for (Path f : files.subList(0, Math.min(SNIFF_FILES, files.size()))) {
                Kind k = sniff(head(f));
                if (k != null && k != Kind.ARCHIVE) {
                    return k;
                }
            }
            throw new IllegalArgumentException("cannot replay " + path + ": none of its first " + Math.min(SNIFF_FILES, files.size())
                    + " files is recognised (the first starts with " + excerpt(head(files.get(0)).stripLeading()) + "); " + ACCEPTED);
        }
        String head = head(path);
        Kind kind = sniff(head);
        if (kind == null) {
            throw new IllegalArgumentException("cannot replay " + path + ": not a recognised replay source (it starts with "
                    + excerpt(head.stripLeading()) + "); " + ACCEPTED);
        }
        return kind;
    }

    /**
     * The kind the text looks like, or null. Archive and Atlas inputs are told apart by which kind
     * of line is in the majority, so a stray line of the other kind does not decide.
     */
    private static Kind sniff(String head) {
        long archiveLines = ARCHIVE_LINE.matcher(head).results().count();
        long atlasMentions = PRB_ID.matcher(head).results().count();
        if (atlasMentions > archiveLines) {
            return CONNECTION.matcher(head).results().count() * 2 > atlasMentions ? Kind.ATLAS_CONNECTION : Kind.ATLAS_RESULT;
        }
        if (archiveLines > 0) {
            return Kind.ARCHIVE;
        }
        if (head.stripLeading().startsWith("{") && STATUSPAGE.matcher(head).find()) {
            return Kind.STATUSPAGE_SNAPSHOTS;
        }
        return null;
    }

    private static Path catalogDir(Path replayDir, ReplayOptions options) {
        if (options.catalogDir() != null) {
            return options.catalogDir();
        }
        Path parent = replayDir.toAbsolutePath().normalize().getParent();
        Path besideReplays = parent == null || parent.getParent() == null ? null : parent.getParent().resolve("catalog");
        return besideReplays != null && Files.isDirectory(besideReplays) ? besideReplays : Path.of("catalog");
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> ReplaySource atlas(
            Path path, io.faultline.ingestion.probe.AtlasLineParser<T> parser, String what, ReplayOptions options) {
        List<RawEvent> events = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        AtlasFiles.forEach(path, parser, (ParseOutcome<T> o) -> {
            o.records().forEach(r -> events.add(RawEvent.of(r instanceof io.faultline.avro.ProbeConnectionEvent c
                    ? options.tagger().tag(c) : r)));
            rejected.addAll(o.rejected());
        });
        // a file that cannot be read to its end loses what follows: an error, as for an archive (not one dead letter)
        List<Rejected> unread = rejected.stream().filter(r -> "IO_ERROR".equals(r.errorType())).toList();
        if (!unread.isEmpty()) {
            Rejected first = unread.get(0);
            throw new IllegalArgumentException(first.context().getOrDefault("file", path.toString()) + ": " + first.reason()
                    + "; the " + events.size() + " events before it were read, the rest is lost: fix or re-download the file"
                    + (unread.size() > 1 ? " (" + (unread.size() - 1) + " more file(s) could not be read either)" : ""));
        }
        return new EventListSource(events, rejected, what + " " + path + " (" + events.size() + " events)", options);
    }

    private static List<Path> dataFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot replay " + dir + ": cannot list it: " + e.getMessage(), e);
        }
    }

    private static String head(Path file) {
        try (InputStream in = ArchiveReader.unzipped(Files.newInputStream(file))) {
            byte[] b = in.readNBytes(SNIFF_CHARS);
            return new String(b, StandardCharsets.UTF_8).replace("\uFEFF", "");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot replay " + file + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** The start of a file, quoted, for a message; binary content is named, not echoed (it would garble the terminal). */
    private static String excerpt(String s) {
        if (s.chars().anyMatch(c -> c == '\uFFFD' || Character.isISOControl(c) && !Character.isWhitespace(c))) {
            return "binary data";
        }
        String one = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return "'" + one.replaceAll("\\s+", " ") + "'";
    }
}
