package io.faultline.ingestion.probe;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.faultline.ingestion.ParseOutcome;

/**
 * Reads RIPE Atlas files as they are downloaded or archived: one JSON array of results (the API
 * download, Disco's measurement-7000 dumps), NDJSON (one result or streaming frame per line), a
 * download envelope {@code {"results":[...]}} on one line, each optionally gzipped (by magic
 * bytes, not by name); or a directory of such files (sorted by name, hidden files skipped).
 * Streaming: an array is cut into its elements as it is read, so memory is bounded by the
 * largest element, not the file. A corrupted element or line is rejected alone; reading goes on.
 * Limit: inside a JSON array, an element with an unclosed brace or quote cannot be delimited, so
 * it takes the following elements down with it (as one rejected element) until nesting balances;
 * NDJSON has no such limit.
 */
public final class AtlasFiles {

    /** An element larger than this is rejected (a broken quote would otherwise swallow the file). */
    static final int MAX_ELEMENT_CHARS = 4 * 1024 * 1024;
    private static final int PAYLOAD_EXCERPT_CHARS = 64 * 1024;

    private AtlasFiles() {
    }

    /** Everything in a file or directory, collected. For very large inputs prefer {@link #forEach}. */
    public static <T> ParseOutcome<T> read(Path fileOrDir, AtlasLineParser<T> parser) {
        List<ParseOutcome<T>> parts = new ArrayList<>();
        forEach(fileOrDir, parser, parts::add);
        List<T> records = new ArrayList<>();
        List<io.faultline.ingestion.Rejected> rejected = new ArrayList<>();
        for (ParseOutcome<T> p : parts) {
            records.addAll(p.records());
            rejected.addAll(p.rejected());
        }
        return new ParseOutcome<>(records, rejected);
    }

    /** Hands the outcome of each line or element to {@code sink} as it is read; never throws. */
    public static <T> void forEach(Path fileOrDir, AtlasLineParser<T> parser, Consumer<ParseOutcome<T>> sink) {
        if (Files.isDirectory(fileOrDir)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(fileOrDir)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().toList();
            } catch (IOException e) {
                sink.accept(ioError(parser, fileOrDir.toString(), e));
                return;
            }
            files.forEach(f -> forEach(f, parser, sink));
            return;
        }
        try (InputStream in = Files.newInputStream(fileOrDir)) {
            forEach(in, fileOrDir.toString(), parser, sink);
        } catch (IOException e) {
            sink.accept(ioError(parser, fileOrDir.toString(), e));
        }
    }

    /** One stream (plain or gzip); {@code name} goes into each Rejected's context as {@code file}. */
    public static <T> void forEach(InputStream raw, String name, AtlasLineParser<T> parser,
                                   Consumer<ParseOutcome<T>> sink) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            InputStream body = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            if (startsWithArrayOfValues(reader)) {
                readArray(reader, name, parser, sink);
            } else {
                readLines(reader, name, parser, sink);
            }
        } catch (IOException e) {
            sink.accept(ioError(parser, name, e));
        }
    }

    /** A leading '[' is a JSON array unless a string follows: '["atlas_result", ...' lines are streaming frames. */
    private static boolean startsWithArrayOfValues(BufferedReader r) throws IOException {
        r.mark(4096);
        int c = skipSpace(r);
        if (c == '\uFEFF') {
            c = skipSpace(r);
        }
        boolean array = false;
        if (c == '[') {
            int next = skipSpace(r);
            array = next != '"'; // '["atlas_result", {...}]' lines are streaming frames
        }
        r.reset();
        return array;
    }

    private static int skipSpace(BufferedReader r) throws IOException {
        int c;
        do {
            c = r.read();
        } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
        return c;
    }

    private static <T> void readLines(BufferedReader r, String name, AtlasLineParser<T> parser,
                                      Consumer<ParseOutcome<T>> sink) throws IOException {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (!line.isBlank()) {
                sink.accept(parser.parseLine(line, Map.of("file", name, "line", Integer.toString(n))));
            }
        }
    }

    /** Cuts the top-level array into element texts by tracking string and nesting state. */
    private static <T> void readArray(BufferedReader r, String name, AtlasLineParser<T> parser,
                                      Consumer<ParseOutcome<T>> sink) throws IOException {
        int c = skipSpace(r);
        if (c == '\uFEFF') {
            c = skipSpace(r);
        }
        // c is the opening '['
        StringBuilder el = new StringBuilder();
        boolean inString = false;
        boolean escape = false;
        boolean oversized = false;
        int depth = 0;
        int line = 1;
        int elementLine = 1;
        int index = 0;
        while ((c = r.read()) != -1) {
            if (c == '\n') {
                line++;
            }
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0 && c == ']') { // end of the outer array
                    emit(el, oversized, name, index, elementLine, parser, sink);
                    return;
                }
                depth = Math.max(0, depth - 1); // a stray '}' stays in its (rejected) element
            } else if (c == ',' && depth == 0) {
                emit(el, oversized, name, index++, elementLine, parser, sink);
                el.setLength(0);
                oversized = false;
                continue;
            }
            if (el.isEmpty() && Character.isWhitespace(c)) {
                elementLine = line;
                continue;
            }
            if (el.length() < MAX_ELEMENT_CHARS) {
                el.append((char) c);
            } else {
                oversized = true;
            }
        }
        // truncated file: whatever is left is parsed (and most likely rejected) on its own
        emit(el, oversized, name, index, elementLine, parser, sink);
    }

    private static <T> void emit(StringBuilder el, boolean oversized, String name, int index, int line,
                                 AtlasLineParser<T> parser, Consumer<ParseOutcome<T>> sink) {
        String text = el.toString().strip();
        if (text.isEmpty()) {
            return;
        }
        Map<String, String> ctx = Map.of("file", name, "element", Integer.toString(index), "line", Integer.toString(line));
        if (oversized) {
            sink.accept(ParseOutcome.rejected(AtlasJson.reject(sourceOf(parser), "TOO_LARGE",
                    "array element longer than " + MAX_ELEMENT_CHARS + " characters (payload is its start)",
                    text.substring(0, Math.min(text.length(), PAYLOAD_EXCERPT_CHARS)), ctx)));
            return;
        }
        sink.accept(parser.parseLine(text, ctx));
    }

    private static <T> ParseOutcome<T> ioError(AtlasLineParser<T> parser, String name, IOException e) {
        Map<String, String> ctx = new HashMap<>();
        ctx.put("file", name);
        return ParseOutcome.rejected(AtlasJson.reject(sourceOf(parser), "IO_ERROR", readError(e), "", ctx));
    }

    private static String sourceOf(AtlasLineParser<?> parser) {
        if (parser instanceof AtlasConnectionEventParser) {
            return AtlasConnectionEventParser.SOURCE;
        }
        return AtlasResultParser.SOURCE;
    }

    /** What went wrong reading, without the exception's class name (users see this line). */
    public static String readError(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage() == null ? "read failed" : e.getMessage();
        return e instanceof java.io.EOFException ? "truncated (the file ends early): " + m : m;
    }
}
