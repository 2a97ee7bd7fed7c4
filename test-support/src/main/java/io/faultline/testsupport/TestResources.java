package io.faultline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Test fixtures read from the test class path ({@code src/test/resources}) and from the sample data, as bytes. */
public final class TestResources {

    private TestResources() {
    }

    /** A class-path resource by its absolute name ({@code "/statuspage/x.json"}); fails when it is missing. */
    public static byte[] bytes(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The resource with {@code from} replaced by {@code to}; fails when {@code from} is absent, so an edit
     * cannot silently miss.
     */
    public static byte[] edited(String name, String from, String to) {
        String text = new String(bytes(name), StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(name + " does not contain " + from);
        }
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    /** A public sample file by its path under the data folder, see {@link DataDir#file}: skips the test when absent. */
    public static byte[] sample(String relative) {
        try {
            return Files.readAllBytes(DataDir.file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
