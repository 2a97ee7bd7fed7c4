package io.faultline.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tests find the public sample data. Two places, both real data:
 * <ul>
 *   <li>the <b>committed samples</b>, {@code testdata/} at the project root (byte-identical copies
 *       of the small files, with their provenance; {@code -Dfaultline.samples.dir}, set by the
 *       build), so that a plain clone runs the suite;</li>
 *   <li>the <b>full set</b>, optional: {@code -Dfaultline.data.dir}, else {@code FAULTLINE_DATA_DIR},
 *       else {@code ../shared/data} beside the checkout. It holds the large files too (the ASN
 *       data, every cloud's IP ranges, whole RIPE Atlas days).</li>
 * </ul>
 * {@link #file} looks in the full set first, then in the samples; a test whose file is in
 * neither is skipped with a line that names the file and how to provide it.
 */
public final class DataDir {

    public static final String PROPERTY = "faultline.data.dir";
    public static final String ENV = "FAULTLINE_DATA_DIR";
    public static final String SAMPLES_PROPERTY = "faultline.samples.dir";

    private DataDir() {
    }

    /** The full data set, when present. */
    public static Optional<Path> full() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        Path dir = Path.of(p == null || p.isBlank() ? "../shared/data" : p).toAbsolutePath().normalize();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The committed samples ({@code testdata/}); found from the build's property, else upwards from here. */
    public static Path samples() {
        String p = System.getProperty(SAMPLES_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("testdata/README.md"))) {
                return dir.resolve("testdata");
            }
        }
        return Path.of("testdata").toAbsolutePath();
    }

    /** The folder to read a data kind from (e.g. {@code "probes"}): the full set's, else the samples'. */
    public static Path resolve() {
        return full().orElseGet(DataDir::samples);
    }

    /**
     * A sample file or folder by its path under the data folder ({@code "probes/x.json.gz"}): from the
     * full set, else from the committed samples; skips the calling test when neither has it.
     */
    public static Path file(String relative) {
        Optional<Path> inFull = full().map(d -> d.resolve(relative)).filter(Files::exists);
        if (inFull.isPresent()) {
            return inFull.get();
        }
        Path sample = samples().resolve(relative);
        assumeTrue(Files.exists(sample), () -> "skipped: " + relative + " is only in the full sample set, which is not here "
                + "(looked in " + full().map(Path::toString).orElse("../shared/data, -D" + PROPERTY + ", $" + ENV)
                + "); set -D" + PROPERTY + "=DIR or " + ENV + " to run it");
        return sample;
    }
}
