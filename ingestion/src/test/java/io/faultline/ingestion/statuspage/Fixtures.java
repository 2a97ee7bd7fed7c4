package io.faultline.ingestion.statuspage;


import io.faultline.testsupport.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures (src/test/resources/statuspage) and the public samples, read in place. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/statuspage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A public sample from the shared data dir; the test is skipped, with the reason, when it is absent. */
    static byte[] sample(String relative) {
        Path p = DataDir.file("statuspages/" + relative);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
