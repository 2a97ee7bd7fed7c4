package io.faultline.ingestion.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree chores of the installers (ASN data, the ClickHouse engine): their staging and replaced directories. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it, deepest first; a missing directory is no error. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
