package io.faultline.app.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where a job runs: {@code local} (a mini cluster in this process) or a Flink cluster's REST address.
 * For a cluster, the jars the job needs and a Flink distribution lacks are shipped with it: Faultline's
 * own, Avro, the Kafka client and connector, the registry bundle and the ClickHouse JDBC driver. Flink
 * itself is the cluster's.
 */
final class FlinkTarget {

    private static final List<String> SHIPPED = List.of("faultline-", "avro-", "kafka-clients-", "flink-connector-",
            "flink-avro-", "flink-sql-avro-confluent-registry-", "jackson-", "commons-compress-", "zstd-jni-",
            "snappy-java-", "lz4-java-",
            // the ClickHouse JDBC driver of the history sinks and what it needs at run time
            "clickhouse-", "jdbc-v2-", "client-v2-", "httpclient5-", "httpcore5-", "commons-codec-", "commons-io-",
            "RoaringBitmap-", "shims-", "asm-", "antlr4-runtime-", "guava-", "failureaccess-");

    private FlinkTarget() {
    }

    static StreamExecutionEnvironment environment(String target, Configuration conf) {
        if ("local".equals(target)) {
            return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        int colon = target.lastIndexOf(':');
        return StreamExecutionEnvironment.createRemoteEnvironment(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)), conf, jarsToShip().toArray(String[]::new));
    }

    /** The shippable jars on this launcher's class path (none when running from class directories, as in tests). */
    static List<String> jarsToShip() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                entries.add(path);
                entries.addAll(manifestClassPath(path));
            }
        }
        return entries.stream().map(Path::toAbsolutePath).distinct()
                .filter(p -> SHIPPED.stream().anyMatch(prefix -> p.getFileName().toString().startsWith(prefix))
                        || p.getFileName().toString().equals("faultline.jar"))
                .map(Path::toString).toList();
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of();
            }
            return Stream.of(classPath.trim().split("\\s+")).map(p -> jar.resolveSibling(p)).filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }
}
