package io.faultline.clickhouse.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.ingestion.network.NpmPackage;
import io.faultline.ingestion.network.Directories;
import io.faultline.ingestion.network.NpmRegistry;

/**
 * Installs the ClickHouse engine (chDB's {@code libchdb.so}) from the npm registry into
 * {@code <.faultline>/clickhouse/<version>/}, the way {@code faultline networks install} fetches
 * the ASN data: the tarball must match the sha512 integrity the registry publishes, and the
 * version directory appears only once complete (staged beside it, then moved in), so an
 * interrupted or tampered download leaves nothing half-installed. Limits: the package is built
 * for x86-64 Linux with glibc only.
 */
public final class EngineInstaller {

    public static final String PACKAGE = "@chdb/lib-linux-x64-gnu";
    /** Pinned: the SQL, the tests and the figures were checked on this version (it answers version() = 26.7.2.1). */
    public static final String VERSION = "26.7.3-stable.1";
    public static final String LIBRARY = "libchdb.so";
    public static final String SOURCE_FILE = "SOURCE.json";
    private static final long MAX_TARBALL_BYTES = 1L << 30;

    private final NpmRegistry npm;

    public EngineInstaller(HttpClient client, URI registry) {
        this(client, registry, false);
    }

    /** {@code allowPrivate}: a registry on a loopback or private address (tests, a local mirror). */
    EngineInstaller(HttpClient client, URI registry, boolean allowPrivate) {
        this.npm = new NpmRegistry(client, registry, allowPrivate);
    }

    public static EngineInstaller defaults() {
        return new EngineInstaller(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build(), NpmRegistry.DEFAULT_REGISTRY);
    }

    /** Where the library of the pinned version lives under a {@code .faultline} directory. */
    public static Path libraryIn(Path faultlineDir) {
        return faultlineDir.resolve("clickhouse").resolve(VERSION).resolve(LIBRARY);
    }

    /** The installed library, if it is there. */
    public static Optional<Path> installed(Path faultlineDir) {
        Path lib = libraryIn(faultlineDir);
        return Files.isRegularFile(lib) ? Optional.of(lib) : Optional.empty();
    }

    /** Why this platform cannot run the packaged engine, if it cannot. */
    public static Optional<String> unsupportedPlatform() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase().contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("the ClickHouse engine package " + PACKAGE + " is built for x86-64 Linux only (this is "
                    + os + " " + arch + ")");
        }
        return Optional.empty();
    }

    /** The installed library, installing it first (one progress line to {@code progress}) when absent. */
    public Path ensureInstalled(Path faultlineDir, Consumer<String> progress) throws IOException {
        Optional<Path> have = installed(faultlineDir);
        if (have.isPresent()) {
            return have.get();
        }
        Optional<String> unsupported = unsupportedPlatform();
        if (unsupported.isPresent()) {
            throw new IOException(unsupported.get());
        }
        Path target = libraryIn(faultlineDir).getParent().toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path staging = target.resolveSibling("." + VERSION + ".staging-" + UUID.randomUUID());
        Files.createDirectories(staging);
        try {
            NpmPackage pkg = npm.metadata(PACKAGE, VERSION);
            progress.accept("clickhouse: installing the ClickHouse engine " + PACKAGE + "@" + VERSION
                    + " (about 180 MB) from " + npm.registry() + " into " + target + " ...");
            Path tgz = staging.resolve("package.tgz");
            npm.download(pkg, tgz, MAX_TARBALL_BYTES);
            List<String> files = NpmRegistry.extract(tgz, staging, base -> base.equals(LIBRARY) ? LIBRARY : null);
            Files.delete(tgz);
            if (!files.contains(LIBRARY)) {
                throw new IOException(PACKAGE + "@" + VERSION + " (" + pkg.tarball() + ") holds no " + LIBRARY);
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("package", pkg.name());
            source.put("version", pkg.version());
            source.put("tarball", pkg.tarball());
            source.put("integrity", pkg.integrity());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(staging.resolve(SOURCE_FILE).toFile(), source);
            moveIn(staging, target);
            return libraryIn(faultlineDir);
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    /** Another process may have installed the same version meanwhile: then its copy stays. */
    private static void moveIn(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            if (!Files.isRegularFile(target.resolve(LIBRARY))) {
                throw e;
            }
        }
    }
}
