package io.faultline.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * The configuration keys Flink's core declares ({@code org.apache.flink.configuration.*Options}),
 * read from the flink-core jar the project builds against, with its version. Keys of plugins and
 * deployment modules (S3, Kubernetes-specific options) are not in it.
 */
final class FlinkOptionKeys {

    private static final String PACKAGE = "org/apache/flink/configuration/";

    private FlinkOptionKeys() {
    }

    static Set<String> all() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            for (JarEntry e : jar.stream().toList()) {
                String name = e.getName();
                if (name.startsWith(PACKAGE) && name.endsWith("Options.class") && !name.substring(PACKAGE.length()).contains("/")
                        && !name.contains("$")) {
                    collect(name.replace('/', '.').replace(".class", ""), keys);
                }
            }
        }
        return keys;
    }

    private static void collect(String className, Set<String> keys) {
        Class<?> type;
        try {
            type = Class.forName(className, true, FlinkOptionKeys.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + className, e);
        }
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    f.setAccessible(true);
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    keys.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new AssertionError("cannot read " + className + "." + f.getName(), e);
                }
            }
        }
    }

    /** "2.1.0", from the flink-core jar's name. */
    static String flinkVersion() {
        Matcher m = Pattern.compile("flink-core-(\\d+\\.\\d+\\.\\d+)\\.jar").matcher(jar().getFileName().toString());
        if (!m.matches()) {
            throw new AssertionError("flink-core is not a versioned jar here: " + jar());
        }
        return m.group(1);
    }

    private static Path jar() {
        try {
            return Path.of(ConfigOption.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
