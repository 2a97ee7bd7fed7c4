package io.faultline.ingestion;

import java.nio.file.Path;

/**
 * Where the public sample data lives: {@code -Dfaultline.data.dir}, else {@code FAULTLINE_DATA_DIR},
 * else {@code ../shared/data} beside the checkout. Tests read the samples in place from here.
 */
public final class DataDir {

    public static final String PROPERTY = "faultline.data.dir";
    public static final String ENV = "FAULTLINE_DATA_DIR";

    private DataDir() {
    }

    public static Path resolve() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return Path.of(p == null || p.isBlank() ? "../shared/data" : p).toAbsolutePath().normalize();
    }
}
