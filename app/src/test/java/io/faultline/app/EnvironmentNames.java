package io.faultline.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables faultline's own code reads, found in its sources rather than copied:
 * a whole string literal {@code "FAULTLINE_..."} (the constants handed to System.getenv or looked
 * up in the environment map) and picocli defaults {@code ${env:NAME...}}.
 */
final class EnvironmentNames {

    private static final Pattern LITERAL = Pattern.compile("\"(FAULTLINE_[A-Z0-9_]+)\"");
    private static final Pattern PICOCLI_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

    private EnvironmentNames() {
    }

    /** Names read by the main sources of every module under {@code home}. */
    static Set<String> readBySource(Path home) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(home)) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(sources)) {
                    for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String text = Files.readString(file);
                        for (Pattern p : new Pattern[] {LITERAL, PICOCLI_DEFAULT}) {
                            Matcher m = p.matcher(text);
                            while (m.find()) {
                                names.add(m.group(1));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
