package io.faultline.ingestion.statuspage.poll;


import io.faultline.testsupport.DataDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fixture bodies (src/test/resources/statuspage) and the public samples, read in place. */
final class Bodies {

    private Bodies() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Bodies.class.getResourceAsStream("/statuspage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with {@code from} replaced by {@code to}; fails if {@code from} is absent, so edits cannot silently miss. */
    static byte[] edited(String name, String from, String to) {
        String text = new String(resource(name), StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(name + " does not contain " + from);
        }
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
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
