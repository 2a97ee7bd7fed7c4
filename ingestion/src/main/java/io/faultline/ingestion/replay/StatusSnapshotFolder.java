package io.faultline.ingestion.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.statuspage.ChangeDetection;
import io.faultline.ingestion.statuspage.ChangeDetector;
import io.faultline.ingestion.statuspage.PageSnapshot;
import io.faultline.ingestion.statuspage.StatusPageV2Parser;

/**
 * A folder of saved Statuspage v2 documents ({@code summary.json} and friends), replayed as the
 * poller would have seen them: per page, in time order, each snapshot compared with the one before
 * by {@link ChangeDetector}; the first snapshot of a page reports only what was wrong then.
 *
 * <p>Page: the file name up to its first {@code _} ({@code github_summary_2022-11-25.json} is page
 * {@code github}), else the folder name. Time of a snapshot: a date (and time) in its name
 * ({@code 2022-11-25}, {@code 2022-11-25T10-30-00Z}, {@code 20221125T103000Z}) or a 10-digit epoch,
 * else the file's modification time.
 */
final class StatusSnapshotFolder {

    static final String SOURCE = "replay.statuspage-snapshots";
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T_ ](\\d{2})[-:]?(\\d{2})(?:[-:]?(\\d{2}))?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})");
    private static final Pattern EPOCH = Pattern.compile("(?<!\\d)(\\d{10})(?!\\d)");

    private StatusSnapshotFolder() {
    }

    record Snapshot(Path file, String pageId, Instant time) {
    }

    static boolean isSnapshotFile(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && !n.startsWith(".") && (n.endsWith(".json") || n.endsWith(".json.gz"));
    }

    static ReplaySource read(Path path, ReplayOptions options) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(StatusSnapshotFolder::isSnapshotFile).sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage(), e);
            }
        } else {
            files = List.of(path);
        }
        String folderName = (Files.isDirectory(path) ? path : path.toAbsolutePath().getParent()).getFileName().toString();
        List<Rejected> rejected = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        for (Path f : files) {
            Instant t = timeOf(f, rejected);
            if (t != null) {
                snapshots.add(new Snapshot(f, pageOf(f, folderName), t));
            }
        }
        snapshots.sort(Comparator.comparing(Snapshot::time).thenComparing(s -> s.file().getFileName().toString()));
        StatusPageV2Parser parser = new StatusPageV2Parser();
        ChangeDetector detector = new ChangeDetector();
        Map<String, PageSnapshot> state = new HashMap<>();
        List<RawEvent> events = new ArrayList<>();
        for (Snapshot s : snapshots) {
            byte[] bytes;
            try (InputStream in = ArchiveReader.unzipped(Files.newInputStream(s.file()))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                rejected.add(new Rejected(SOURCE, "IO_ERROR", io.faultline.ingestion.probe.AtlasFiles.readError(e), new byte[0], Map.of("file", s.file().toString())));
                continue;
            }
            ParseOutcome<PageSnapshot> parsed = parser.parse(s.pageId(), null, bytes);
            parsed.rejected().forEach(r -> rejected.add(withFile(r, s.file())));
            for (PageSnapshot page : parsed.records()) {
                ChangeDetection d = detector.detect(state.get(s.pageId()), page, s.time());
                state.put(s.pageId(), d.state());
                d.observations().forEach(o -> events.add(RawEvent.of(o)));
            }
        }
        return new EventListSource(events, rejected, "Statuspage snapshots " + path + " (" + snapshots.size()
                + " snapshots of " + snapshots.stream().map(Snapshot::pageId).distinct().count() + " page(s))", options);
    }

    private static Rejected withFile(Rejected r, Path file) {
        Map<String, String> ctx = new HashMap<>(r.context());
        ctx.put("file", file.toString());
        return new Rejected(SOURCE, r.errorType(), r.reason(), r.payload(), ctx);
    }

    static String pageOf(Path f, String folderName) {
        String n = f.getFileName().toString();
        int cut = n.indexOf('_');
        return cut > 0 ? n.substring(0, cut) : folderName;
    }

    static Instant timeOf(Path f, List<Rejected> rejected) {
        String n = f.getFileName().toString();
        try {
            Matcher m = COMPACT.matcher(n);
            if (m.find()) {
                return LocalDateTime.of(i(m, 1), i(m, 2), i(m, 3), i(m, 4), i(m, 5), i(m, 6)).toInstant(ZoneOffset.UTC);
            }
            m = ISO.matcher(n);
            if (m.find()) {
                LocalDate d = LocalDate.of(i(m, 1), i(m, 2), i(m, 3));
                return m.group(4) == null ? d.atStartOfDay().toInstant(ZoneOffset.UTC)
                        : d.atTime(i(m, 4), i(m, 5), m.group(6) == null ? 0 : i(m, 6)).toInstant(ZoneOffset.UTC);
            }
            m = EPOCH.matcher(n);
            if (m.find()) {
                return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
            }
        } catch (java.time.DateTimeException e) {
            // not a real date after all: fall back to the file's time
        }
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            rejected.add(new Rejected(SOURCE, "IO_ERROR", "no time in the name and no modification time: " + e,
                    new byte[0], Map.of("file", f.toString())));
            return null;
        }
    }

    private static int i(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }
}
